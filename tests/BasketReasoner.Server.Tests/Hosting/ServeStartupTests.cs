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
}
