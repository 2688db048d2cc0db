using System.Net.Http.Headers;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Hosting;

/// <summary>
/// SIGTERM with a shopper screen's stream open: every cart keeps one open, so a stream must not hold the shutdown past
/// an orchestrator's grace period; the server drains, closes its log and exits 0.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ShutdownTests(ServerFixture fx)
{
    [Fact]
    public async Task Sigterm_ScreenStreamOpen_DrainsAndExitsZeroPromptly()
    {
        using var process = await BasketProcess.StartAsync(fx.RepoRoot, fx.Scratch, new
        {
            Server = new { Carts = new Dictionary<string, string> { ["cart-a"] = ServerFixture.KeyA }, EventLogPath = fx.NewLogPath() },
        });
        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.KeyA);
        using var stream = await http.GetAsync("/v1/carts/cart-a/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.True(stream.IsSuccessStatusCode);

        // Kubernetes gives 30 s by default before SIGKILL; 10 s leaves the drain plenty of room.
        var exit = await process.TerminateAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, exit);
        Assert.Contains(process.LaterOutput, l => l.StartsWith("stopped: in-flight requests drained, event log closed", StringComparison.Ordinal));
    }
}
