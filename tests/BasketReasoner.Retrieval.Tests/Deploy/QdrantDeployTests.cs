using YamlDotNet.RepresentationModel;
using static BasketReasoner.Retrieval.Tests.Deploy.Manifests;

namespace BasketReasoner.Retrieval.Tests.Deploy;

/// <summary>
/// The chain's Qdrant cluster (<c>deploy/qdrant</c>) and the cloud fallback's autoscaling, checked without a cluster:
/// the server config names only Qdrant's real config keys, and the StatefulSet, Services, budget and snapshot job agree
/// with that config (ports, paths, replication). Where kubectl is installed the kustomizations are also rendered.
/// </summary>
public sealed class QdrantDeployTests
{
    // Leaf keys of the Qdrant server's reference config (config/config.yaml of the server, including the documented
    // commented-out ones), for the sections this deployment sets.
    private static readonly HashSet<string> QdrantConfigKeys =
    [
        "log_level",
        "storage.storage_path", "storage.snapshots_path", "storage.snapshots_config.snapshots_storage", "storage.temp_path",
        "storage.on_disk_payload", "storage.update_concurrency", "storage.wal.wal_capacity_mb", "storage.wal.wal_segments_ahead",
        "storage.node_type", "storage.performance.max_search_threads", "storage.performance.optimizer_cpu_budget",
        "storage.performance.update_rate_limit", "storage.performance.incoming_shard_transfers_limit",
        "storage.performance.outgoing_shard_transfers_limit", "storage.performance.async_scorer",
        "storage.optimizers.deleted_threshold", "storage.optimizers.vacuum_min_vector_number",
        "storage.optimizers.default_segment_number", "storage.optimizers.max_segment_size_kb",
        "storage.optimizers.indexing_threshold_kb", "storage.optimizers.flush_interval_sec",
        "storage.optimizers.max_optimization_threads",
        "storage.hnsw_index.m", "storage.hnsw_index.ef_construct", "storage.hnsw_index.full_scan_threshold_kb",
        "storage.hnsw_index.max_indexing_threads", "storage.hnsw_index.on_disk", "storage.hnsw_index.payload_m",
        "storage.shard_transfer_method",
        "storage.collection.replication_factor", "storage.collection.write_consistency_factor",
        "storage.collection.vectors.on_disk", "storage.collection.shard_number_per_node", "storage.collection.quantization",
        "storage.max_collections",
        "service.max_request_size_mb", "service.max_workers", "service.host", "service.http_port", "service.grpc_port",
        "service.enable_cors", "service.enable_tls", "service.verify_https_client_certificate", "service.api_key",
        "service.read_only_api_key", "service.jwt_rbac",
        "cluster.enabled", "cluster.p2p.port", "cluster.p2p.enable_tls", "cluster.consensus.tick_period_ms",
        "cluster.consensus.compact_wal_entries",
        "telemetry_disabled",
    ];

    private static readonly YamlMappingNode Config = Load("deploy/qdrant/production.yaml").Single();

    [Fact]
    public void ServerConfig_EveryKey_IsAQdrantConfigKey()
    {
        var unknown = LeafPaths(Config).Where(k => !QdrantConfigKeys.Contains(k)).ToList();

        Assert.True(unknown.Count == 0, $"deploy/qdrant/production.yaml: not Qdrant config keys: {string.Join(", ", unknown)}");
        Assert.Null(Scalar(Config, "service.api_key")); // the key comes from the Secret, never from the ConfigMap
    }

    [Fact]
    public void ServerConfig_Cluster_ReplicatesEveryShardTwiceAndWritesToBoth()
    {
        Assert.Equal("true", Scalar(Config, "cluster.enabled"));
        var replicas = int.Parse(Scalar(Config, "storage.collection.replication_factor")!);
        var writes = int.Parse(Scalar(Config, "storage.collection.write_consistency_factor")!);

        Assert.Equal(2, replicas);
        Assert.InRange(writes, 1, replicas);
        Assert.Equal("2", Scalar(Config, "storage.collection.shard_number_per_node"));
    }

    [Fact]
    public void StatefulSet_ThreeNodes_MountStorageAndSnapshotVolumesWhereTheConfigPoints()
    {
        var set = Single("deploy/qdrant/statefulset.yaml", "StatefulSet");
        var container = Items(set, "spec.template.spec.containers").Single();
        var mounts = Items(container, "volumeMounts").ToDictionary(m => Scalar(m, "name")!, m => Scalar(m, "mountPath")!);
        var claims = Items(set, "spec.volumeClaimTemplates").Select(c => Scalar(c, "metadata.name")).ToList();

        Assert.Equal("3", Scalar(set, "spec.replicas"));
        Assert.Equal("qdrant-headless", Scalar(set, "spec.serviceName"));
        Assert.Equal(["storage", "snapshots"], claims);
        Assert.Equal(Scalar(Config, "storage.storage_path"), mounts["storage"]);
        Assert.Equal(Scalar(Config, "storage.snapshots_path"), mounts["snapshots"]);
        Assert.Equal("/qdrant/config/production.yaml", mounts["config"]);
        Assert.Contains(Items(container, "env"), e => Scalar(e, "name") == "RUN_MODE" && Scalar(e, "value") == "production");
        Assert.Contains(Items(container, "env"), e => Scalar(e, "name") == "QDRANT__SERVICE__API_KEY" && At(e, "valueFrom.secretKeyRef") is not null);
    }

    [Fact]
    public void StatefulSetAndServices_Ports_AreTheConfiguredHttpGrpcAndPeerPorts()
    {
        var container = Items(Single("deploy/qdrant/statefulset.yaml", "StatefulSet"), "spec.template.spec.containers").Single();
        var ports = Items(container, "ports").ToDictionary(p => Scalar(p, "name")!, p => Scalar(p, "containerPort")!);
        var headless = Load("deploy/qdrant/services.yaml").Single(s => Scalar(s, "metadata.name") == "qdrant-headless");

        Assert.Equal(Scalar(Config, "service.http_port"), ports["http"]);
        Assert.Equal(Scalar(Config, "service.grpc_port"), ports["grpc"]);
        Assert.Equal(Scalar(Config, "cluster.p2p.port"), ports["p2p"]);
        Assert.Equal("None", Scalar(headless, "spec.clusterIP"));
        Assert.Equal(["http", "grpc", "p2p"], Items(headless, "spec.ports").Select(p => Scalar(p, "name")));
        // Peers bootstrap through the headless names on the p2p port.
        Assert.Contains($"qdrant-0.qdrant-headless:{ports["p2p"]}", ((YamlSequenceNode)At(container, "args")!).Children.OfType<YamlScalarNode>().Single().Value);
    }

    [Fact]
    public void DisruptionBudget_AllowsFewerNodesDownThanReplicas()
    {
        var budget = Single("deploy/qdrant/pdb.yaml", "PodDisruptionBudget");
        var replicas = int.Parse(Scalar(Config, "storage.collection.replication_factor")!);

        Assert.True(int.Parse(Scalar(budget, "spec.maxUnavailable")!) < replicas);
        Assert.Equal("server", ComponentOf(At(budget, "spec.selector.matchLabels")));
    }

    [Fact]
    public void SnapshotJob_PostsCollectionSnapshotsToEveryNodeAndIsNotSelectedByTheServices()
    {
        var job = Single("deploy/qdrant/snapshot-cronjob.yaml", "CronJob");
        var pod = At(job, "spec.jobTemplate.spec.template")!;
        var container = Items(pod, "spec.containers").Single();
        var nodes = Items(container, "env").Single(e => Scalar(e, "name") == "NODES");
        var script = ((YamlSequenceNode)At(container, "args")!).Children.OfType<YamlScalarNode>().Single().Value!;

        Assert.Equal(["qdrant-0", "qdrant-1", "qdrant-2"], Scalar(nodes, "value")!.Split(' '));
        Assert.Contains($".qdrant-headless:{Scalar(Config, "service.http_port")}/collections/$collection/snapshots", script);
        Assert.Equal("snapshots", ComponentOf(At(pod, "metadata.labels")));
        Assert.All(Load("deploy/qdrant/services.yaml"), s => Assert.Equal("server", ComponentOf(At(s, "spec.selector"))));
    }

    [Fact]
    public void Kustomization_EveryResource_Exists()
    {
        var kustomization = Load("deploy/qdrant/kustomization.yaml").Single();

        Assert.All(((YamlSequenceNode)At(kustomization, "resources")!).Children.OfType<YamlScalarNode>(),
            r => Assert.True(File.Exists(PathOf("deploy/qdrant/" + r.Value)), r.Value));
    }

    [Fact]
    public void CloudAutoscaler_ScalesOnTheAdaptersRequestLatencyMetricAndCpu()
    {
        var hpa = Single("deploy/cloud/k8s/hpa.yaml", "HorizontalPodAutoscaler");
        var rule = Items(Load("deploy/cloud/k8s/prometheus-adapter-rules.yaml").Single(), "rules").Single();
        var metrics = Items(hpa, "spec.metrics").ToList();

        var latency = metrics.Single(m => Scalar(m, "type") == "Pods");
        Assert.Equal(Scalar(rule, "name.as"), Scalar(latency, "pods.metric.name"));
        Assert.Contains("/v1/chat/completions", Scalar(rule, "seriesQuery"));
        Assert.Contains(metrics, m => Scalar(m, "type") == "Resource" && Scalar(m, "resource.name") == "cpu");
        Assert.Equal("0", Scalar(hpa, "spec.behavior.scaleUp.stabilizationWindowSeconds"));
    }

    [KubectlFact]
    public void Kustomize_QdrantAndCloud_RenderWithKubectl()
    {
        foreach (var (folder, kinds) in new[]
        {
            ("deploy/qdrant", new[] { "ConfigMap", "Secret", "Service", "StatefulSet", "PodDisruptionBudget", "CronJob" }),
            ("deploy/cloud/k8s", new[] { "Namespace", "ConfigMap", "Secret", "Service", "Deployment", "HorizontalPodAutoscaler" }),
        })
        {
            var (exitCode, output, error) = Kustomize(folder);

            Assert.True(exitCode == 0, $"kubectl kustomize {folder} failed: {error}");
            Assert.All(kinds, kind => Assert.Contains($"kind: {kind}\n", output));
        }
    }

    private static string? ComponentOf(YamlNode? labels) =>
        labels is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("app.kubernetes.io/component"), out var value)
            ? ((YamlScalarNode)value).Value
            : null;
}
