using BasketReasoner.Assistant;
using BasketReasoner.Assistant.ToolCalls;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Tests.Assistant;

/// <summary>
/// The tool-call schema and its validation, and the assistant's paths around a model's call. The model here is a
/// scripted test double that returns a fixed text, so every validation branch is reached; the trained model's own
/// calls are tested in ToolCallModelTests.
/// </summary>
public sealed class ToolCallTests
{
    private static readonly BasketLine[] Basket = [new("Arla-Standard-Milk", 2), new("Banana", 3), new("Oatly-Oat-Milk", 1)];

    // Expected values printed by models/training/toolcall/train_toolcall.py's words()/mention_spans() for the same text.
    [Theory]
    [InlineData("Is my oat-milk 100% lactose free?", "Is|my|oat-milk|100%|lactose|free", 21, "Is my oat-milk 100% lactose free")]
    [InlineData("hej!! har jag bananer?", "hej|har|jag|bananer", 10, "hej har jag bananer")]
    [InlineData("  what's   the price of \"Arla Mjölk\"? ", "what's|the|price|of|Arla|Mjölk", 21, "what's the price of Arla Mjölk")]
    public void Spans_Question_SameWordRunsAsTheTrainingScript(string question, string words, int count, string last)
    {
        Assert.Equal(words.Split('|'), ToolCallSchema.Words(question));
        var spans = ToolCallSchema.Spans(question);
        Assert.Equal(count, spans.Count);
        Assert.Equal(last, spans[^1]);
    }

    [Fact]
    public void For_Question_ListsEveryToolAndOnlyTheQuestionsSpans()
    {
        var schema = ToolCallSchema.For("price of oat milk?");

        var tools = schema.GetProperty("properties").GetProperty("tool").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var spans = schema.GetProperty("properties").GetProperty("products").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(ToolCallSchema.Tools, tools);
        Assert.Equal(ToolCallSchema.Spans("price of oat milk?"), spans);
        Assert.Contains("oat milk", spans);
    }

    [Fact]
    public void Spans_LongQuestion_ShortestFirstUpToTheEnginesEnumLimit()
    {
        var question = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"w{i}"));

        var spans = ToolCallSchema.Spans(question);

        Assert.Equal(ToolCallSchema.MaxSpans, spans.Count);
        Assert.Equal(30 + 29, spans.Count(s => s.Split(' ').Length <= 2));
        Assert.DoesNotContain(spans, s => s.Split(' ').Length > 3);
    }

    [Fact]
    public void For_QuestionWithoutWords_AllowsNoProducts()
    {
        var products = ToolCallSchema.For("?!").GetProperty("properties").GetProperty("products");

        Assert.Equal(0, products.GetProperty("maxItems").GetInt32());
        Assert.False(products.GetProperty("items").TryGetProperty("enum", out _));
    }

    [Theory]
    [InlineData("{\"tool\":\"price\",\"products\":[\"soy milk\"]}", "not the question's words")]
    [InlineData("{\"tool\":\"refund\",\"products\":[]}", "no known tool")]
    [InlineData("{\"tool\":\"price\",\"products\":\"oat milk\"}", "not a list")]
    [InlineData("{\"tool\":\"price\",\"products\":[],\"discount\":1}", "unknown argument 'discount'")]
    [InlineData("The price is", "not JSON")]
    [InlineData("[\"price\"]", "not a JSON object")]
    [InlineData("{\"tool\":\"price\",\"products\":[\"oat\",\"milk\",\"oat milk\",\"of\"]}", "more than 3 products")]
    public void Parse_InvalidCall_RejectedWithTheReason(string json, string reason)
    {
        var ex = Assert.Throws<InvalidToolCallException>(() => ToolCallSchema.Parse(json, "price of oat milk?"));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidCall_ToolIntentAndProducts()
    {
        var call = ToolCallSchema.Parse("{\"tool\":\"lactose_free\",\"products\":[\"oat milk\"]}", "is the oat milk lactose free");

        Assert.Equal(QuestionIntent.LactoseFree, call.Intent);
        Assert.Equal(["oat milk"], call.Products);
    }

    [Fact]
    public async Task AskAsync_InvalidCall_RulesAnswerWithTheRejection()
    {
        var model = new ScriptedCallClient("{\"tool\":\"price\",\"products\":[\"soy milk\"]}");
        var rules = await AssistantFixture.Rules().AskAsync(new ShopperQuestion(Basket, "how much does the oat milk cost?"));

        var answer = await AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = model }).AskAsync(new ShopperQuestion(Basket, "how much does the oat milk cost?"));

        Assert.Equal(1, model.Calls);
        Assert.Equal(rules.Text, answer.Text);
        Assert.Equal("rules (tool call rejected: a product that is not the question's words)", answer.Stage);
    }

    [Fact]
    public async Task AskAsync_ModelThrows_RulesAnswer()
    {
        var answer = await AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = new ScriptedCallClient(null) })
            .AskAsync(new ShopperQuestion(Basket, "what's my total?"));

        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Equal("rules (tool call rejected: the model failed)", answer.Stage);
    }

    [Fact]
    public async Task AskAsync_ValidCall_PicksTheToolAndItsProductsAndAsksWithTheSchema()
    {
        // The rules read "what about the oat milk?" as nothing answerable; the call says: its price.
        var model = new ScriptedCallClient("{\"tool\":\"price\",\"products\":[\"oat milk\"]}");

        var answer = await AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = model }).AskAsync(new ShopperQuestion(Basket, "what about the oat milk?"));

        Assert.Equal(ShopperAssistant.ToolCallPath, answer.Stage);
        Assert.Equal(ShopperAnswerKind.Answered, answer.Kind);
        Assert.Contains("21.90", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["Oatly-Oat-Milk"], answer.CitedProductIds);
        var format = Assert.IsType<ChatResponseFormatJson>(model.LastOptions!.ResponseFormat);
        Assert.Contains("oat milk", format.Schema!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0f, model.LastOptions.Temperature);
    }

    [Fact]
    public async Task AskAsync_CallReadsAChangeRequestAsAQuestion_StillRefused()
    {
        var model = new ScriptedCallClient("{\"tool\":\"price\",\"products\":[\"milk\"]}");

        var answer = await AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = model }).AskAsync(new ShopperQuestion(Basket, "remove the milk from my basket"));

        Assert.Equal(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
        Assert.Equal(ShopperAssistant.RulesStage, answer.Stage);
    }

    [Fact]
    public async Task AskAsync_CallAddsARefusal_Refused()
    {
        var model = new ScriptedCallClient("{\"tool\":\"basket_change\",\"products\":[]}");

        // The lexicon has no word for this; the encoder's nearest exemplar would read an allergen question.
        var answer = await AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = model, ToolCallPolicy = ToolCallPolicy.LexiconFirst })
            .AskAsync(new ShopperQuestion(Basket, "could the oat milk be zero today"));

        Assert.Equal(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
        Assert.Equal(ShopperAssistant.ToolCallPath, answer.Stage);
    }

    [Fact]
    public async Task AskAsync_LexiconFirstAndTheRulesReadTheQuestion_RulesStandWithoutAskingTheModel()
    {
        var model = new ScriptedCallClient("{\"tool\":\"origin\",\"products\":[\"oat milk\"]}");

        var answer = await AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = model, ToolCallPolicy = ToolCallPolicy.LexiconFirst })
            .AskAsync(new ShopperQuestion(Basket, "how much does the oat milk cost?"));

        Assert.Equal(ShopperAssistant.RulesStage, answer.Stage);
        Assert.Contains("21.90", answer.Text, StringComparison.Ordinal);
        Assert.Equal(0, model.Calls);
    }

    /// <summary>Test double: a model that answers every call with one scripted text (null: it fails).</summary>
    private sealed class ScriptedCallClient(string? reply) : IChatClient
    {
        public int Calls { get; private set; }

        public ChatOptions? LastOptions { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastOptions = options;
            return reply is null
                ? throw new InvalidOperationException("model down")
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The tool call is read whole.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
