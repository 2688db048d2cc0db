using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Scale;

public sealed class ScaleCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"scale-cli-{Guid.NewGuid():N}");

    public ScaleCommandsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SimScale_AsSubcommandOfSim_WritesSeededReadingsAndTruth()
    {
        var outPath = Path.Combine(_dir, "out", "s.csv");
        string[] args = ["sim", "scale", "--seed", "5", "--minutes", "0.5", "--rate", "50", "--out", outPath, "--catalog", "none"];

        var (exit, output) = BasketCli.Run(args);
        var first = File.ReadAllText(outPath);
        BasketCli.Run(args);

        Assert.True(exit == 0, output);
        Assert.Equal(1 + (30 * 50), File.ReadAllLines(outPath).Length);
        Assert.True(File.Exists(outPath + ".truth.json"));
        Assert.Equal(first, File.ReadAllText(outPath));
    }

    [Fact]
    public void EvalScale_Seeds_PrintsScoresAndWritesJson()
    {
        var json = Path.Combine(_dir, "r.json");

        var (exit, output) = BasketCli.Run("eval", "scale", "--seeds", "201", "202", "--minutes", "3", "--catalog", "none", "--json", json);

        Assert.True(exit == 0, output);
        Assert.Contains("seeds 201,202", output, StringComparison.Ordinal);
        Assert.Contains("recall", output, StringComparison.Ordinal);
        Assert.Contains("\"phantoms_per_motion_hour\"", File.ReadAllText(json), StringComparison.Ordinal);
    }
}
