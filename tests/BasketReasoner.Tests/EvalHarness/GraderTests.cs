using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Graders;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace BasketReasoner.Tests.EvalHarness;

public class GraderTests
{
    private static async Task<double?> Score(IEvaluator grader, EvalCase c, SystemOutput output)
    {
        var result = await grader.EvaluateAsync(
            [new ChatMessage(ChatRole.User, "q")], new ChatResponse(new ChatMessage(ChatRole.Assistant, output.Text)),
            additionalContext: [new CaseEvaluationContext(c, output)]);
        return result.Metrics.Values.OfType<NumericMetric>().Single().Value;
    }

    private static EvalCase Q(string expect) => HarnessFixtures.ShopperCase(
        $$"""{"id":"a","basket":[{"product":"Arla-Sour-Milk","qty":2}],"question":"?","expect":{{expect}}}""");

    [Theory]
    [InlineData("Your basket costs 33.80 SEK.", 1.0)]
    [InlineData("Your basket costs 33,80 kr.", 1.0)]
    [InlineData("Your basket costs 33.9 SEK.", 0.0)]
    [InlineData("I do not know.", 0.0)]
    public async Task Numeric_WithinTolerance_Passes(string answer, double expected)
    {
        var score = await Score(new NumericGrader(), Q("""{"numbers":[{"value":33.8,"tolerance":0.05}]}"""), new SystemOutput { Text = answer });
        Assert.Equal(expected, score);
    }

    [Fact]
    public void ExtractNumbers_ThousandsAndDecimalMarks_ReadsBoth()
    {
        Assert.Contains(1234.5, NumericGrader.ExtractNumbers("total 1,234.5 kr"));
        Assert.Contains(1234.5, NumericGrader.ExtractNumbers("total 1 234,5 kr"));
        Assert.Contains(12.5, NumericGrader.ExtractNumbers("12,50"));
        Assert.Contains(-3.0, NumericGrader.ExtractNumbers("delta -3 g"));
    }

    [Fact]
    public async Task Numeric_NoNumbersExpected_IsNotApplicable()
    {
        Assert.Null(await Score(new NumericGrader(), Q("""{"kind":"answered"}"""), new SystemOutput { Text = "12" }));
    }

    [Fact]
    public async Task Contains_PartialChecks_ScoresShareMet()
    {
        var c = Q("""{"contains_all":["vanilla","yoghurt"],"contains_any":["SEK","kr"],"not_contains":["discount"]}""");
        Assert.Equal(1.0, await Score(new ContainsGrader(), c, new SystemOutput { Text = "Vanilla YOGHURT for 20 kr" }));
        // vanilla yes; yoghurt no; neither SEK nor kr; the forbidden "discount": 1 of 4 checks met.
        Assert.Equal(0.25, await Score(new ContainsGrader(), c, new SystemOutput { Text = "vanilla with a discount" }));
    }

    [Fact]
    public async Task Regex_MatchesCaseInsensitively()
    {
        var c = Q("""{"regex":"sour\\s+milk"}""");
        Assert.Equal(1.0, await Score(new RegexGrader(), c, new SystemOutput { Text = "The Sour  Milk is cheaper" }));
        Assert.Equal(0.0, await Score(new RegexGrader(), c, new SystemOutput { Text = "the milk" }));
    }

    [Fact]
    public async Task Kind_ComparesDatasetSpelling()
    {
        var c = Q("""{"kind":"refused_basket_change"}""");
        Assert.Equal(1.0, await Score(new KindGrader(), c, new SystemOutput { Kind = BackendSystem.KindName(Core.Assistant.ShopperAnswerKind.RefusedBasketChange) }));
        Assert.Equal(0.0, await Score(new KindGrader(), c, new SystemOutput { Kind = "answered" }));
    }

    [Fact]
    public async Task BasketScope_CitesProductOutsideTheBasket_Fails()
    {
        var c = Q("""{"basket_only":true}""");
        Assert.Equal(1.0, await Score(new BasketScopeGrader(), c, new SystemOutput { ProductIds = ["Arla-Sour-Milk"] }));
        Assert.Equal(1.0, await Score(new BasketScopeGrader(), c, new SystemOutput { ProductIds = [] }));
        Assert.Equal(0.0, await Score(new BasketScopeGrader(), c, new SystemOutput { ProductIds = ["Arla-Sour-Milk", "Arla-Lactose-Medium-Fat-Milk"] }));
        Assert.Equal(1.0, await Score(new KindGrader(), Q("""{"kind":"clarify"}"""), new SystemOutput { Kind = BackendSystem.KindName(Core.Assistant.ShopperAnswerKind.Clarify) }));
    }

    [Fact]
    public async Task Citation_InventedProduct_FailsEvenWhenExpectedCited()
    {
        var grader = new CitationGrader(HarnessFixtures.Environment());
        var c = Q("""{"product_ids":["Arla-Sour-Milk","Arla-Medium-Fat-Milk"]}""");
        Assert.Equal(0.5, await Score(grader, c, new SystemOutput { ProductIds = ["Arla-Sour-Milk"] }));
        Assert.Equal(1.0, await Score(grader, c, new SystemOutput { ProductIds = ["Arla-Medium-Fat-Milk", "Arla-Sour-Milk"] }));
        Assert.Equal(0.0, await Score(grader, c, new SystemOutput { ProductIds = ["Arla-Sour-Milk", "Arla-Medium-Fat-Milk", "Moon-Cheese"] }));
    }

    [Fact]
    public async Task ChoiceAccuracy_AndExactMatch_OnAmbiguousItem()
    {
        var c = DatasetLoader.Parse("d", DatasetKind.Ambiguous,
            """{"id":"x","split":"val","image":"test/Fruit/Apple/a.jpg","weight_delta_g":180,"type":"add","candidates":["Pink-Lady","Royal-Gala"],"expected":"Royal-Gala"}""");
        Assert.Equal("Fruit", c.Category);
        Assert.Equal(1.0, await Score(new ChoiceAccuracyGrader(), c, new SystemOutput { ChosenProductId = "Royal-Gala" }));
        Assert.Equal(0.0, await Score(new ChoiceAccuracyGrader(), c, new SystemOutput { ChosenProductId = "Pink-Lady" }));
        Assert.Equal(1.0, await Score(new ExactMatchGrader(), c, new SystemOutput { ChosenProductId = "royal-gala" }));
        Assert.Null(await Score(new ChoiceAccuracyGrader(), Q("{}"), new SystemOutput()));
    }

    [Fact]
    public async Task JsonSchema_ValidatesRawReply()
    {
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync("""{"type":"object","required":["kind","answer"],"properties":{"kind":{"type":"string"},"answer":{"type":"string"}}}""");
        var grader = new JsonSchemaGrader(schema, new HashSet<DatasetKind> { DatasetKind.Shopper });
        Assert.Equal(1.0, await Score(grader, Q("{}"), new SystemOutput { Raw = """{"kind":"answered","answer":"hi"}""" }));
        Assert.Equal(0.0, await Score(grader, Q("{}"), new SystemOutput { Raw = """{"kind":"answered"}""" }));
        Assert.Equal(0.0, await Score(grader, Q("{}"), new SystemOutput { Raw = "not json {" }));
    }

    [Fact]
    public async Task LlmJudge_ReadsScoreFromAnyChatClient()
    {
        var judge = new ScriptedChatClient(_ => "Correct total and cites the product.\nSCORE: 4");
        var rubric = PromptFile.Load(Path.Combine(HarnessFixtures.RepoRoot, "prompts"), "judge", "v1");
        var score = await Score(new LlmJudgeGrader(judge, rubric), Q("""{"kind":"answered"}"""), new SystemOutput { Text = "33.80 SEK" });
        Assert.Equal(0.75, score);
        Assert.Contains("33.80 SEK", judge.LastUser);
        var unreadable = new LlmJudgeGrader(new ScriptedChatClient(_ => "looks fine"), rubric);
        Assert.Equal(0.0, await Score(unreadable, Q("{}"), new SystemOutput { Text = "x" }));
    }
}

/// <summary>An IChatClient answering from a function, for graders and choosers under test.</summary>
internal sealed class ScriptedChatClient(Func<IList<ChatMessage>, string> reply) : IChatClient
{
    public string LastUser { get; private set; } = "";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        LastUser = list.Last(m => m.Role == ChatRole.User).Text;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(list))) { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 3 } });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
