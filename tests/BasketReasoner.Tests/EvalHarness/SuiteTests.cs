using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Harness.Systems;
using BasketReasoner.Reasoning.Choice;
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
    [InlineData("""{"product_id": "Royal-Gala", "confidence": 0.7}""", "Royal-Gala")]
    [InlineData("```json\n{\"product_id\": \"Granny-Smith\", \"confidence\": 1}\n```", "Granny-Smith")]
    [InlineData("""{"product_id": "Banana", "confidence": 0.9}""", null)]
    [InlineData("""{"product_id": "Royal-Gala", "confidence": 1.56e9}""", null)]
    [InlineData("ANSWER: 2", null)]
    [InlineData("""{"product_id": "Banana", "product_id": "Royal-Gala", "confidence": 0.7}""", null)]
    [InlineData("""{"product_id": "Royal-Gala", "confidence": 0.1, "confidence": 0.9}""", null)]
    public void ChoiceParse_OnlyTheSchemasJsonNamingACandidate(string reply, string? expected)
    {
        ChoiceCandidate[] candidates = [new("Pink-Lady", "Pink Lady", 0.5), new("Royal-Gala", "Royal Gala", 0.3), new("Granny-Smith", "Granny Smith", 0.2)];
        var request = new ChoiceRequest(CartEventType.Add, [new byte[] { 1 }], null, candidates);

        if (expected is null)
        {
            Assert.Throws<UnparsableChoiceException>(() => CandidateChoiceMessage.ParseAnswer(reply, request, 0, 0));
        }
        else
        {
            var choice = CandidateChoiceMessage.ParseAnswer(reply, request, 0, 0);
            Assert.Equal(expected, choice.ProductId);
            Assert.Equal(1.0, choice.CandidateProbabilities.Values.Sum(), 9);
        }
    }

    [Fact]
    public async Task ChatChooser_SendsImageAndCandidates_ReturnsChoiceWithTokens()
    {
        var prompt = ChoosePrompt.Load(Path.Combine(HarnessFixtures.RepoRoot, "prompts"));
        IList<ChatMessage>? seen = null;
        var client = new ScriptedChatClient(m => { seen = m; return """{"product_id": "Arla-Sour-Milk", "confidence": 0.8}"""; });
        var chooser = new ChatCandidateChooser(client, prompt, () => new ChatOptions(), HarnessFixtures.Catalog.Value);
        var choice = await chooser.ChooseAsync(new ChoiceRequest(CartEventType.Add, [new byte[] { 0xFF, 0xD8, 0xFF }], 1060,
            [new("Arla-Medium-Fat-Milk", "Medium fat milk", 0.6), new("Arla-Sour-Milk", "Sour milk", 0.4)]));
        Assert.Equal("Arla-Sour-Milk", choice.ProductId);
        Assert.Equal(100, choice.InputTokens);
        Assert.Contains(seen![1].Contents, c => c is DataContent { MediaType: "image/jpeg" });
        Assert.Equal(0.8, choice.Probability);
        Assert.Contains("- Arla-Sour-Milk: Sour milk", seen[1].Text);
        Assert.Contains("1060 g", seen[1].Text);

        // The structured request travels beside the prose, so a serving side never parses the prompt.
        var served = CandidateChoiceMessage.TryRead(seen, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(
            prompt.AnswerSchema(["Arla-Medium-Fat-Milk", "Arla-Sour-Milk"]), CandidateChoiceMessage.SchemaName) });
        Assert.NotNull(served);
        Assert.Equal(1060, served.WeightDeltaGrams);
        Assert.Equal(["Arla-Medium-Fat-Milk", "Arla-Sour-Milk"], served.Candidates.Select(c => c.ProductId));
        Assert.Equal(0.6, served.Candidates[0].FusionPosterior);
    }
}
