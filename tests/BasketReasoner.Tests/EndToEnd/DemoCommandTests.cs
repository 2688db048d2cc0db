using System.CommandLine;
using BasketReasoner.Cli.Commands;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.EndToEnd;

public sealed class DemoCommandTests
{
    [Fact]
    public void Invoke_OneTestSession_PrintsDecisionsEvidenceBasketAndReceipt()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var file = Path.Combine(RepoPaths.Root, "eval", "sessions", "test-400.jsonl");

        var exit = DemoCommand.Create().Parse(["--file", file, "--sessions", "1"]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("── session s-1", text);
        Assert.Contains("vision ", text);
        Assert.Contains("retrieval ", text);
        Assert.Contains("prior ", text);
        Assert.Contains("receipt (DEMO store prices", text);
        Assert.Contains("total", text);
        Assert.Contains("summary: 1 sessions", text);
    }

    [Fact]
    public void Invoke_MissingSessionFile_FailsWithClearMessage()
    {
        var output = new StringWriter();

        var exit = DemoCommand.Create().Parse(["--file", "/nonexistent/sessions.jsonl"]).Invoke(new InvocationConfiguration { Output = output, Error = output });

        Assert.NotEqual(0, exit);
        Assert.Contains("sessions.jsonl", output.ToString());
    }
}
