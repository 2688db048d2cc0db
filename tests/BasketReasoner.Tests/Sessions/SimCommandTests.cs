using BasketReasoner.Core.Sessions;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Sessions;

public sealed class SimCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}");

    public SimCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output) Invoke(params string[] args) => BasketCli.Run(["sim", .. args]);

    private (string Root, string Catalog) FakeDataRoot()
    {
        var catalog = TestCatalog.Create();
        var root = Path.Combine(_dir, "GroceryStoreDataset");
        Directory.CreateDirectory(Path.Combine(root, "dataset"));
        File.WriteAllLines(
            Path.Combine(root, "dataset", "val.txt"),
            TestCatalog.Images(catalog, "val").Select(i => $"{i.Path}, {i.ClassIndex}, 0"));
        var catalogPath = Path.Combine(_dir, "catalog.json");
        catalog.Save(catalogPath, "test catalog");
        return (root, catalogPath);
    }

    [Fact]
    public void Invoke_ValidArguments_WritesSeededSessionFile()
    {
        var (root, catalog) = FakeDataRoot();
        var outPath = Path.Combine(_dir, "out", "val-12.jsonl");
        string[] args = ["--split", "val", "--sessions", "12", "--seed", "3", "--out", outPath, "--data-root", root, "--catalog", catalog];

        var (exit, output) = Invoke(args);
        var first = File.ReadAllText(outPath);
        Invoke(args);

        Assert.True(exit == 0, output);
        var (sessions, errors) = SessionFile.Read(outPath);
        Assert.Empty(errors);
        Assert.Equal(12, sessions.Count);
        Assert.All(sessions.SelectMany(s => s.Events), e => Assert.StartsWith("val/", e.Image, StringComparison.Ordinal));
        Assert.Equal(first, File.ReadAllText(outPath));
        Assert.Contains("12 sessions", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_MissingCatalog_FailsWithMessage()
    {
        var (root, _) = FakeDataRoot();

        var (exit, output) = Invoke("--split", "val", "--data-root", root, "--catalog", Path.Combine(_dir, "nope.json"), "--out", Path.Combine(_dir, "x.jsonl"));

        Assert.Equal(1, exit);
        Assert.Contains("nope.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_UnknownSplit_IsParseError()
    {
        var (exit, output) = Invoke("--split", "dev");

        Assert.NotEqual(0, exit);
        Assert.Contains("dev", output, StringComparison.Ordinal);
    }
}
