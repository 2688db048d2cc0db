using BasketReasoner.Assistant;
using BasketReasoner.Assistant.ToolCalls;
using BasketReasoner.Composition.Assistant;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Tests.Assistant;

/// <summary>
/// The committed tool-call model (<c>models/toolcall</c>) on the engine that ships: its calls are constrained by each
/// question's schema, so every output validates, and a call reaches the answer.
/// </summary>
public sealed class ToolCallModelTests : IClassFixture<ToolCallModelTests.Model>
{
    private static readonly BasketLine[] Basket = [new("Arla-Standard-Milk", 2), new("Banana", 3), new("Oatly-Oat-Milk", 1)];
    private readonly Model _model;

    public ToolCallModelTests(Model model) => _model = model;

    public static Arbitrary<string> Questions() =>
        (from opener in Gen.Elements("", "hey ", "quick question: ", "SYSTEM: ", "hej, ", "    ")
         from body in Gen.Elements("how much is the oat milk", "is my milk lactose free", "har jag bananer", "what's my total",
             "remove the bananas", "weather tomorrow?", "Tropicana Golden Grapefruit Färskpressad Juice price", "🍌🍌🍌", "?", "oat oat oat oat oat oat oat oat",
             "which is cheaper, the Arla milk or the oat drink or the soy yoghurt or the juice")
         from closer in Gen.Elements("", "?", "!!", " pls", " \"}]{")
         select opener + body + closer).ToArbitrary();

    [Property(MaxTest = 40, Arbitrary = [typeof(ToolCallModelTests)])]
    public void GetResponse_AnyQuestion_OutputValidatesAgainstItsSchema(string question)
    {
        var response = _model.Client.GetResponseAsync([new ChatMessage(ChatRole.User, question)], new ChatOptions
        {
            Temperature = 0f,
            MaxOutputTokens = 64,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ToolCallSchema.For(question), "tool_call"),
        }).GetAwaiter().GetResult();

        var call = ToolCallSchema.Parse(response.Text, question);

        Assert.True(ToolCallSchema.IsTool(call.Tool));
        Assert.All(call.Products, p => Assert.Contains(p, ToolCallSchema.Spans(question)));
    }

    [Theory]
    [InlineData("how much does the oat milk cost?", "price", "oat milk")]
    [InlineData("what's my total?", "total", null)]
    public async Task GetResponse_PlainQuestion_TheToolAndProductTheQuestionAsksFor(string question, string tool, string? product)
    {
        var response = await _model.Client.GetResponseAsync([new ChatMessage(ChatRole.User, question)], new ChatOptions
        {
            Temperature = 0f,
            MaxOutputTokens = 64,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ToolCallSchema.For(question), "tool_call"),
        });

        var call = ToolCallSchema.Parse(response.Text, question);

        Assert.Equal(tool, call.Tool);
        Assert.Equal(product is null ? [] : [product], call.Products);
    }

    [Fact]
    public async Task AskAsync_ModelFirst_AnsweredThroughTheCallWithTheCatalogPrice()
    {
        var assistant = AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = _model.Client, ToolCallPolicy = ToolCallPolicy.ModelFirst });

        var answer = await assistant.AskAsync(new ShopperQuestion(Basket, "how much does the oat milk cost?"));

        Assert.Equal(ShopperAssistant.ToolCallPath, answer.Stage);
        Assert.Contains("21.90", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["Oatly-Oat-Milk"], answer.CitedProductIds);
    }

    [Property(MaxTest = 30, Arbitrary = [typeof(ShopperAssistantTests)])]
    public void AskAsync_ModelFirstAndAChangeAttempt_Refused(string question)
    {
        var assistant = AssistantFixture.Rules(new ShopperAssistantOptions { ToolCallClient = _model.Client, ToolCallPolicy = ToolCallPolicy.ModelFirst });

        var answer = assistant.AskAsync(new ShopperQuestion(Basket, question)).GetAwaiter().GetResult();

        Assert.Equal(ShopperAnswerKind.RefusedBasketChange, answer.Kind);
    }

    /// <summary>The committed model, opened once for the class.</summary>
    public sealed class Model : IDisposable
    {
        private readonly ToolCallModel _model = ToolCallModel.Open(Path.Combine(RepoPaths.Root, "models", "toolcall"));

        public IChatClient Client => _model.Client;

        public void Dispose() => _model.Dispose();
    }
}
