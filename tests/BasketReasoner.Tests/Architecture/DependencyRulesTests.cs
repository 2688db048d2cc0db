using System.Xml.Linq;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Architecture;

/// <summary>
/// The project dependency rules of the README's graph, read from every <c>.csproj</c> in the checkout: nothing
/// references the CLI, Core references no project, and only the CLI and the server sit above the composition root.
/// </summary>
public sealed class DependencyRulesTests
{
    private const string Cli = "BasketReasoner.Cli";
    private const string Core = "BasketReasoner.Core";
    private const string Composition = "BasketReasoner.Composition";
    private const string Server = "BasketReasoner.Server";

    /// <summary>Project name → the projects it references, for every project under src/, tests/ and bench/.</summary>
    internal static Dictionary<string, string[]> Graph(string root) =>
        new[] { "src", "tests", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(
                p => Path.GetFileNameWithoutExtension(p),
                p => XDocument.Load(p).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
                    .ToArray(),
                StringComparer.Ordinal);

    [Fact]
    public void Projects_NoneReferencesTheCli()
    {
        var offenders = Graph(RepoPaths.Root).Where(p => p.Value.Contains(Cli, StringComparer.Ordinal)).Select(p => p.Key).ToArray();

        Assert.True(offenders.Length == 0, $"These projects reference the CLI (run the built `basket` instead, see tests/BasketReasoner.Tests/Infrastructure/BasketCli.cs): {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Core_ReferencesNoOtherProject()
    {
        var graph = Graph(RepoPaths.Root);

        Assert.True(graph.ContainsKey(Core), "Core's project file was not found.");
        Assert.True(graph[Core].Length == 0, $"Core references {string.Join(", ", graph[Core])}; the domain depends on nothing.");
    }

    [Fact]
    public void LibraryProjects_DoNotReferenceTheCompositionRootOrTheServer()
    {
        // Only the two programs' layers may sit above the composition root: the server (whose host calls
        // AddBasketReasoning) and the CLI. Tests and benches may use either.
        var offenders = Graph(RepoPaths.Root)
            .Where(p => p.Key.StartsWith("BasketReasoner.", StringComparison.Ordinal) && !p.Key.Contains(".Tests", StringComparison.Ordinal) && !p.Key.Contains(".Bench", StringComparison.Ordinal))
            .Where(p => p.Key is not (Cli or Server or Composition))
            .Where(p => p.Value.Any(r => r is Composition or Server))
            .Select(p => $"{p.Key} → {string.Join(", ", p.Value.Where(r => r is Composition or Server))}")
            .ToArray();

        Assert.True(offenders.Length == 0, $"Libraries reference the composition root or the server: {string.Join("; ", offenders)}");
        Assert.DoesNotContain(Server, Graph(RepoPaths.Root)[Composition]);
    }

    [Fact]
    public void Graph_HasNoCycle()
    {
        var graph = Graph(RepoPaths.Root);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var project in graph.Keys)
        {
            Visit(project, []);
        }

        void Visit(string project, List<string> path)
        {
            if (state.GetValueOrDefault(project) == 2 || !graph.ContainsKey(project))
            {
                return;
            }

            Assert.True(state.GetValueOrDefault(project) != 1, $"Cycle: {string.Join(" → ", path.Append(project))}");
            state[project] = 1;
            path.Add(project);
            foreach (var reference in graph[project])
            {
                Visit(reference, path);
            }

            path.RemoveAt(path.Count - 1);
            state[project] = 2;
        }
    }

    [Fact]
    public void ReadmeGraph_MatchesTheProjectFiles()
    {
        // The README's mermaid graph is what a newcomer reads first; every project references Core, and the graph draws
        // only some of those edges, so compare the rest edge for edge.
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("```mermaid\ngraph TD\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no ```mermaid graph TD block.");
        var end = readme.IndexOf("```", start + 10, StringComparison.Ordinal);
        var documented = readme[start..end].Split('\n')
            .Where(line => line.Contains("-->", StringComparison.Ordinal))
            .SelectMany(line =>
            {
                var parts = line.Split("-->", 2, StringSplitOptions.TrimEntries);
                return parts[1].Split('&', StringSplitOptions.TrimEntries).Where(target => target != "Core").Select(target => $"{parts[0]} --> {target}");
            })
            .ToHashSet(StringComparer.Ordinal);
        var actual = Graph(RepoPaths.Root)
            .Where(p => File.Exists(Path.Combine(RepoPaths.Root, "src", p.Key, p.Key + ".csproj")))
            .SelectMany(p => p.Value.Where(r => r != Core).Select(r => $"{Short(p.Key)} --> {Short(r)}"))
            .ToHashSet(StringComparer.Ordinal);

        var missing = actual.Except(documented).Order(StringComparer.Ordinal).ToArray();
        var stale = documented.Except(actual).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0 && stale.Length == 0,
            $"README graph out of date. Missing: {string.Join(", ", missing)}. Not in the project files: {string.Join(", ", stale)}.");

        static string Short(string project) => project["BasketReasoner.".Length..];
    }

    [Fact]
    public void Graph_ReadsTheRealProjectFiles()
    {
        var graph = Graph(RepoPaths.Root);

        // Guards the rules above against passing on an empty or misread graph.
        Assert.Contains(Composition, graph[Server]);
        Assert.Contains(Server, graph[Cli]);
        Assert.True(graph.Count >= 10, $"only {graph.Count} projects found");
    }
}
