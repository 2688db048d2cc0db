using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Tests.EvalHarness;

public class SuiteTests
{
    [Fact]
    public void Expand_PromptAndParameterMatrix_OneSystemPerPoint()
    {
        var suite = SuiteLoader.Parse("""
            name: m
            datasets: [{ kind: shopper, path: x.jsonl }]
            systems:
              - name: chat
                backend: openai
                model: m
                base_url: http://127.0.0.1:1/v1
                prompts: { choose-product: [v1, v2] }
                parameters: { temperature: ["0", "0.7"], max_tokens: ["64"] }
            graders: [{ type: kind }]
            """);
        var variants = SystemVariant.Expand(suite.Systems[0]);
        Assert.Equal(4, variants.Count);
        Assert.Contains(variants, v => v.Name == "chat[choose-product=v2,temperature=0.7]");
        Assert.All(variants, v => Assert.Equal("64", v.Parameters["max_tokens"]));
        Assert.Equal("max_tokens=64;temperature=0", variants[0].ParameterString);
    }

    [Fact]
    public void Parse_UnknownKey_IsAnError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SuiteLoader.Parse("""
            name: m
            datasets: [{ kind: shopper, path: x.jsonl, lmit: 3 }]
            systems: [{ backend: rules }]
            graders: [{ type: kind }]
            """));
        Assert.Contains("lmit", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CommittedSuites_Parse()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(HarnessFixtures.RepoRoot, "eval", "suites"), "*.yaml"))
        {
            var suite = SuiteLoader.Load(file);
            Assert.NotEmpty(suite.Systems);
        }
    }

    [Fact]
    public void PromptTemplate_SplitsSystemAndUser_AndRejectsUnknownPlaceholders()
    {
        var t = PromptFile.Parse("## system\nYou pick {{count}}.\n## user\nWeight {{weight}}", "t", "v1");
        var (system, user) = t.Render(new Dictionary<string, string> { ["count"] = "3", ["weight"] = "5 g" });
        Assert.Equal("You pick 3.", system);
        Assert.Equal("Weight 5 g", user);
        Assert.Throws<FormatException>(() => t.Render(new Dictionary<string, string> { ["count"] = "3" }));
        Assert.NotEqual(t.Hash, PromptFile.Parse("## system\nYou pick {{count}}!\n## user\nWeight {{weight}}", "t", "v1").Hash);
    }

    [Theory]
    [InlineData("ANSWER: 2", 1)]
    [InlineData("I think it is Royal-Gala.", 1)]
    [InlineData("3", 2)]
    [InlineData("ANSWER: 9", -1)]
    [InlineData("no idea", -1)]
    public void ChoiceParse_ConstrainedToCandidates(string reply, int expected)
    {
        ChoiceCandidate[] candidates = [new("Pink-Lady", "Pink Lady", 0.5), new("Royal-Gala", "Royal Gala", 0.3), new("Granny-Smith", "Granny Smith", 0.2)];
        Assert.Equal(expected, ChatCandidateChooser.Parse(reply, candidates));
    }

    [Fact]
    public async Task ChatChooser_SendsImageAndCandidates_ReturnsChoiceWithTokens()
    {
        var prompt = PromptFile.Load(Path.Combine(HarnessFixtures.RepoRoot, "prompts"), "choose-product", "v1");
        IList<ChatMessage>? seen = null;
        var client = new ScriptedChatClient(m => { seen = m; return "ANSWER: 2"; });
        var chooser = new ChatCandidateChooser(client, prompt, () => new ChatOptions(), HarnessFixtures.Catalog.Value);
        var choice = await chooser.ChooseAsync(new ChoiceRequest(CartEventType.Add, [new byte[] { 0xFF, 0xD8, 0xFF }], 1060,
            [new("Arla-Medium-Fat-Milk", "Medium fat milk", 0.6), new("Arla-Sour-Milk", "Sour milk", 0.4)]));
        Assert.Equal("Arla-Sour-Milk", choice.ProductId);
        Assert.Equal(100, choice.InputTokens);
        Assert.Contains(seen![1].Contents, c => c is DataContent { MediaType: "image/jpeg" });
        Assert.Contains("2. Arla-Sour-Milk", seen[1].Text);
        Assert.Contains("1060 g", seen[1].Text);
    }
}
