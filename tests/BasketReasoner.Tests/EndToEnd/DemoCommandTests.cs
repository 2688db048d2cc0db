using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.EndToEnd;

public sealed class DemoCommandTests
{
    [Fact]
    public void Invoke_OneTestSession_PrintsDecisionsEvidenceBasketAndReceipt()
    {
        var file = Path.Combine(RepoPaths.Root, "eval", "sessions", "test-400.jsonl");

        var (exit, text) = BasketCli.Run("demo", "--file", file, "--sessions", "1");

        Assert.Equal(0, exit);
        Assert.Contains("── session s-1", text);
        Assert.Contains("vision ", text);
        Assert.Contains("retrieval ", text);
        Assert.Contains("prior ", text);
        Assert.Contains("receipt (DEMO store prices", text);
        Assert.Contains("total", text);
        Assert.Contains("summary: 1 sessions", text);
        Assert.Contains("chain: fusion", text);
        Assert.Contains("after the chain: item accuracy", text);
        Assert.Contains("  shopper ", text);
    }

    [Fact]
    public void Invoke_MissingSessionFile_FailsWithClearMessage()
    {
        var (exit, output) = BasketCli.Run("demo", "--file", "/nonexistent/sessions.jsonl");

        Assert.NotEqual(0, exit);
        Assert.Contains("sessions.jsonl", output);
    }
}
