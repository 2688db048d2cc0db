using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Server.Cloud;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Chat;

/// <summary>
/// The one candidate chooser end to end over HTTP: the cloud stage's <see cref="ChatCandidateChooser"/> asks a real
/// server's <c>/v1/chat/completions</c>, whose <see cref="ChoosingChatClient"/> hands the serving chooser the
/// structured request — type, weight and priors as sent, with no prose parsed back.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CandidateChoiceOverHttpTests(ServerFixture fx)
{
    private const string SatsumaFrame = "test/Fruit/Satsumas/Satsumas_001.jpg";

    [Fact]
    public async Task CloudChooser_RemovalWithWeight_ServingChooserGetsTheStructuredRequest()
    {
        ChoiceRequest? served = null;
        var serving = new ScriptedCandidateChooserDouble("served", r =>
        {
            served = r;
            return new CandidateChoice(r.Candidates[1].ProductId, 0.75, r.Candidates.ToDictionary(c => c.ProductId, c => c == r.Candidates[1] ? 0.75 : 0.25));
        });
        await using var cloud = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(new ChoosingChatClient(null, serving, "basket-on-device")));
        using var http = new HttpClient();
        var chooser = new CloudCandidateChooser(new CloudChooserOptions { Endpoint = new Uri(cloud.BaseAddress, "v1/") }, http, TimeProvider.System,
            ChoosePrompt.Load(Path.Combine(fx.RepoRoot, "prompts")), fx.Pipeline.Catalog);
        var frame = fx.Frame(EscalationStageTests.AmbiguousApple);

        var choice = await chooser.ChooseAsync(new ChoiceRequest(CartEventType.Remove, [frame], -432.5,
            [new ChoiceCandidate("Golden-Delicious", "Apple Golden Delicious", 0.55), new ChoiceCandidate("Granny-Smith", "Apple Granny Smith", 0.45)]));

        Assert.Equal("Granny-Smith", choice.ProductId);
        Assert.Equal(0.75, choice.Probability, 6);
        Assert.NotNull(served);
        Assert.Equal(CartEventType.Remove, served.Type);
        Assert.Equal(-432.5, served.WeightDeltaGrams);
        Assert.Equal([0.55, 0.45], served.Candidates.Select(c => c.FusionPosterior));
        Assert.Equal("Apple Granny Smith", served.Candidates[1].DisplayName);
        Assert.Equal(frame, Assert.Single(served.Images).ToArray());
    }

    [Fact]
    public async Task CloudChooser_FusionBackend_TheSentWeightMovesTheServersAnswer()
    {
        // ChatBackend = fusion: the serving pipeline's whole fusion answers, so the weight the cart measured counts
        // there too. Satsumas (100 g a piece) against oranges (280 g), the recognizer's most frequent confusion: the
        // same frame weighed as a satsuma and as an orange. ChatBackend = recognizer answers the same either way.
        await using var cloud = await fx.StartAsync(s => s.Overrides["Server:ChatBackend"] = "fusion");
        using var http = new HttpClient();
        var chooser = new CloudCandidateChooser(new CloudChooserOptions { Endpoint = new Uri(cloud.BaseAddress, "v1/") }, http, TimeProvider.System,
            ChoosePrompt.Load(Path.Combine(fx.RepoRoot, "prompts")), fx.Pipeline.Catalog);
        ChoiceRequest Ask(double grams) => new(CartEventType.Add, [fx.Frame(SatsumaFrame)], grams,
            [new ChoiceCandidate("Orange", "Orange", 0.5), new ChoiceCandidate("Satsumas", "Satsumas", 0.5)]);

        var asSatsuma = await chooser.ChooseAsync(Ask(100));
        var asOrange = await chooser.ChooseAsync(Ask(280));

        Assert.Equal(1.0, asSatsuma.CandidateProbabilities.Values.Sum(), 6);
        Assert.True(asSatsuma.CandidateProbabilities["Satsumas"] > asOrange.CandidateProbabilities["Satsumas"] + 0.3,
            $"satsumas {asSatsuma.CandidateProbabilities["Satsumas"]:F4} at 100 g, {asOrange.CandidateProbabilities["Satsumas"]:F4} at 280 g");
    }

    // A candidate the server has no class for ("Nope") was answered {"product_id":"Nope","confidence":0.99997}; a
    // candidate listed many times outvoted the right one ([Banana] + 40 × [Lemon] gave Lemon at 0.988). Both are a 400.
    [Theory]
    [InlineData("Lemon", "Nope", 1)]
    [InlineData("Satsumas", "Lemon", 3)]
    public async Task CloudChooser_CandidateUnknownOrRepeated_Refused400NotAnsweredWithCertainty(string first, string other, int copies)
    {
        await using var cloud = await fx.StartAsync(s => s.Overrides["Server:ChatBackend"] = "recognizer");
        using var http = new HttpClient();
        var chooser = new CloudCandidateChooser(new CloudChooserOptions { Endpoint = new Uri(cloud.BaseAddress, "v1/"), MaxRetryAttempts = 1 }, http, TimeProvider.System,
            ChoosePrompt.Load(Path.Combine(fx.RepoRoot, "prompts")), fx.Pipeline.Catalog);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => chooser.ChooseAsync(new ChoiceRequest(CartEventType.Add, [fx.Frame(SatsumaFrame)], null,
            [new ChoiceCandidate(first, first, 0.5), .. Enumerable.Repeat(new ChoiceCandidate(other, other, 0.5), copies)])));

        Assert.Contains("400", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChoosingChatClient_PlainQuestionWithoutModel_RefusesClearly()
    {
        var serving = ScriptedCandidateChooserDouble.Picking(null, 0.9);
        var client = new ChoosingChatClient(null, serving);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What is in my cart?")]);

        Assert.Equal(ChoosingChatClient.Refusal, response.Text);
        Assert.Equal(0, serving.Calls);
    }
}
