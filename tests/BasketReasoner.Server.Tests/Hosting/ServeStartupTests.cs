using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Hosting;

/// <summary>
/// A real <c>basket serve</c> says which recognizer graph it runs: with <c>Server:RecognizerPrecision</c> left at
/// <c>default</c> the folder's <c>recognizer.json</c> decides (the shipped folder: int8), so an operator must be able
/// to read the outcome without opening the folder.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ServeStartupTests(ServerFixture fx)
{
    [Theory]
    [InlineData(null, "recognizer/recognizer.int8.onnx (int8, one view)")]
    [InlineData("float32", "recognizer/recognizer.onnx (float32, one view)")]
    public async Task Serve_RecognizerPrecision_PrintsTheGraphItRuns(string? precision, string expected)
    {
        var server = precision is null
            ? (object)new { EventLogPath = fx.NewLogPath() }
            : new { EventLogPath = fx.NewLogPath(), RecognizerPrecision = precision };

        using var process = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, new { Server = server });

        var line = Assert.Single(process.StartupOutput, l => l.StartsWith("recognizer: ", StringComparison.Ordinal));
        Assert.StartsWith($"recognizer: {expected} from ", line);
        Assert.EndsWith(Path.Combine("models", "recognizer"), line);
    }

    [Fact]
    public async Task Serve_Start_LogsHowManyLogRecordsItReplayed()
    {
        // The README's start-up line: the only line an operator has that the log was read back, with the count.
        using var process = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, new { Server = new { EventLogPath = fx.NewLogPath() } });

        // The console logger writes from its own thread, so the line may come just after "listening on".
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!process.StartupOutput.Concat(process.LaterOutput).Any(IsReplayLine) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.Contains(process.StartupOutput.Concat(process.LaterOutput), IsReplayLine);

        static bool IsReplayLine(string line) => line.Contains("Replayed 0 log records into", StringComparison.Ordinal);
    }
}
