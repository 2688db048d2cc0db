using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace BasketReasoner.Retrieval.Tests.Deploy;

/// <summary>Reads the YAML under <c>deploy/</c> of this checkout, and renders kustomizations with kubectl when it is installed.</summary>
internal static class Manifests
{
    public static string RepoRoot { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(RepoRoot, relative);

    /// <summary>Every document of a (multi-document) YAML file, as mappings.</summary>
    public static List<YamlMappingNode> Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(PathOf(relative));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlMappingNode Single(string relative, string kind) =>
        Load(relative).Single(d => Scalar(d, "kind") == kind);

    /// <summary>The node at a dotted path (<c>spec.template.spec</c>), or null.</summary>
    public static YamlNode? At(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static string? Scalar(YamlNode node, string path) => (At(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, string path) =>
        (At(node, path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    /// <summary>Every leaf key path of a mapping (<c>storage.collection.replication_factor</c>).</summary>
    public static IEnumerable<string> LeafPaths(YamlMappingNode map, string prefix = "")
    {
        foreach (var (key, value) in map.Children)
        {
            var path = prefix + ((YamlScalarNode)key).Value;
            if (value is YamlMappingNode child)
            {
                foreach (var leaf in LeafPaths(child, path + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>The kubectl on PATH, or null.</summary>
    public static string? Kubectl { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs <c>kubectl kustomize</c> on a folder; returns its exit code, standard output and error.</summary>
    public static (int ExitCode, string Output, string Error) Kustomize(string relative)
    {
        var start = new ProcessStartInfo(Kubectl!, ["kustomize", PathOf(relative)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {relative} did not finish in 2 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BasketReasoner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No BasketReasoner.sln above the test binaries.");
    }
}

/// <summary>A fact that needs kubectl; reported as skipped, with the reason, where kubectl is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Manifests.Kubectl is null)
        {
            Skip = "kubectl is not on PATH, so the kustomizations are not rendered here (QdrantDeployTests still checks the manifests' keys).";
        }
    }
}
