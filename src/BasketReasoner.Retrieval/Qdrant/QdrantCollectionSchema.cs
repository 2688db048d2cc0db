using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// What a new collection looks like on the server: one named vector per vector property, the store's HNSW, quantization,
/// sharding and replication settings, and the payload indexes (every <c>IsIndexed</c> data property, plus the tenant field).
/// </summary>
internal static class QdrantCollectionSchema
{
    public static CreateCollection Create(string name, QdrantPointMapper mapper, QdrantVectorStoreOptions options)
    {
        var map = new VectorParamsMap();
        foreach (var vector in mapper.Vectors)
        {
            var parameters = new VectorParams { Size = (ulong)vector.Dimensions, Distance = QdrantPointMapper.DistanceOf(vector) };
            if (options.VectorsOnDisk)
            {
                // Cold: memory-mapped, read on use. Servers older than the memory field read on_disk instead.
                parameters.Memory = Memory.Cold;
#pragma warning disable CS0612
                parameters.OnDisk = true;
#pragma warning restore CS0612
            }

            map.Map.Add(vector.StorageName, parameters);
        }

        var hnsw = new HnswConfigDiff { M = (ulong)options.HnswM, EfConstruct = (ulong)options.HnswEfConstruct };
        if (options.Tenant is not null)
        {
            // Qdrant's multitenancy recipe: links within each tenant only, no global graph (every query names a tenant).
            hnsw.PayloadM = (ulong)options.HnswM;
            hnsw.M = 0;
        }

        var request = new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig { ParamsMap = map },
            HnswConfig = hnsw,
        };
        if (options.Quantization == QdrantQuantization.ScalarInt8)
        {
            var scalar = new ScalarQuantization { Type = QuantizationType.Int8, Quantile = (float)options.QuantizationQuantile, Memory = Memory.Pinned };
#pragma warning disable CS0612 // Servers older than the memory field read always_ram; newer ones let memory override it.
            scalar.AlwaysRam = true;
#pragma warning restore CS0612
            request.QuantizationConfig = new QuantizationConfig { Scalar = scalar };
        }

        if (options.ShardNumber is { } shards)
        {
            request.ShardNumber = (uint)shards;
        }

        if (options.ReplicationFactor is { } replicas)
        {
            request.ReplicationFactor = (uint)replicas;
        }

        if (options.WriteConsistencyFactor is { } writes)
        {
            request.WriteConsistencyFactor = (uint)writes;
        }

        return request;
    }

    /// <summary>The payload indexes to create after the collection: the tenant field first, then each indexed data property.</summary>
    public static IEnumerable<(string Field, PayloadSchemaType Type, PayloadIndexParams? Params)> PayloadIndexes(QdrantPointMapper mapper, QdrantVectorStoreOptions options)
    {
        if (options.Tenant is { } tenant)
        {
            yield return (tenant.Field, PayloadSchemaType.Keyword, new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } });
        }

        foreach (var property in mapper.Data.Where(p => p.IsIndexed))
        {
            yield return (property.StorageName, QdrantModelBuilder.IndexSchema(property.Type)!.Value, null);
        }
    }

    /// <summary>Query-time parameters: <c>hnsw_ef</c> and, for quantized collections, rescoring with oversampling.</summary>
    public static SearchParams? SearchParams(QdrantVectorStoreOptions options, int wanted)
    {
        if (options.EfSearch is null && options.Quantization == QdrantQuantization.None)
        {
            return null;
        }

        var parameters = new SearchParams();
        if (options.EfSearch is { } ef)
        {
            parameters.HnswEf = (ulong)Math.Max(ef, wanted);
        }

        if (options.Quantization != QdrantQuantization.None)
        {
            parameters.Quantization = new QuantizationSearchParams { Rescore = options.Rescore, Oversampling = options.Oversampling };
        }

        return parameters;
    }
}
