using System.CommandLine;
using BasketReasoner.Cli.Commands;

namespace BasketReasoner.Tests.Scale;

public sealed class ScaleCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"scale-cli-{Guid.NewGuid():N}");

    public ScaleCommandsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output) Invoke(Command command, params string[] args)
    {
        var output = new StringWriter();
        var exit = command.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    [Fact]
    public void SimScale_AsSubcommandOfSim_WritesSeededReadingsAndTruth()
    {
        var sim = SimCommand.Create();
        sim.Subcommands.Add(ScaleCommands.CreateSim());
        var outPath = Path.Combine(_dir, "out", "s.csv");
        string[] args = ["scale", "--seed", "5", "--minutes", "0.5", "--rate", "50", "--out", outPath, "--catalog", "none"];

        var (exit, output) = Invoke(sim, args);
        var first = File.ReadAllText(outPath);
        Invoke(sim, args);

        Assert.True(exit == 0, output);
        Assert.Equal(1 + (30 * 50), File.ReadAllLines(outPath).Length);
        Assert.True(File.Exists(outPath + ".truth.json"));
        Assert.Equal(first, File.ReadAllText(outPath));
    }

    [Fact]
    public void EvalScale_Seeds_PrintsScoresAndWritesJson()
    {
        var json = Path.Combine(_dir, "r.json");

        var (exit, output) = Invoke(ScaleCommands.CreateEval(), "--seeds", "201", "202", "--minutes", "3", "--catalog", "none", "--json", json);

        Assert.True(exit == 0, output);
        Assert.Contains("seeds 201,202", output, StringComparison.Ordinal);
        Assert.Contains("recall", output, StringComparison.Ordinal);
        Assert.Contains("\"phantoms_per_motion_hour\"", File.ReadAllText(json), StringComparison.Ordinal);
    }
}
