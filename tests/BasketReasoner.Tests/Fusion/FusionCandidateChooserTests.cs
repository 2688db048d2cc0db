using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

/// <summary>
/// <see cref="FusionCandidateChooser"/> (what <c>ChatBackend = fusion</c> answers) over a real <see cref="EvidenceFusion"/>
/// of the test catalog: the request's weight and type reach the fusion, and its posterior is restricted to the
/// request's candidates.
/// </summary>
public sealed class FusionCandidateChooserTests
{
    private static readonly byte[] Frame = [1, 2, 3];

    // Vision alone cannot tell the milk from the oat drink or the yoghurt cup; the weight can.
    private static readonly float[] Vision = [0.3f, 0.3f, 0.3f, 0.05f, 0.05f];

    private static (FusionCandidateChooser Chooser, List<(CartEvent Event, Basket Basket)> Calls) Create()
    {
        var catalog = TestProducts.Catalog();
        var fusion = new EvidenceFusion(catalog, new FusionOptions { RetrievalWeight = 0, TopCandidates = 3 });
        var calls = new List<(CartEvent, Basket)>();
        var chooser = new FusionCandidateChooser(catalog, (e, frames, basket, _) =>
        {
            Assert.Equal(Frame, Assert.Single(frames).ToArray());
            calls.Add((e, basket));
            return ValueTask.FromResult(fusion.Fuse(e, Vision, new float[catalog.Count], basket));
        });
        return (chooser, calls);
    }

    private static ChoiceRequest Request(CartEventType type, double? grams, params string[] ids) =>
        new(type, [Frame], grams, [.. ids.Select(id => new ChoiceCandidate(id, id, 1.0 / ids.Length))]);

    [Fact]
    public async Task ChooseAsync_WeightOfTheCup_ChoosesTheCupAndSumsToOneOverTheCandidates()
    {
        var (chooser, calls) = Create();

        var choice = await chooser.ChooseAsync(Request(CartEventType.Add, 160, "Arla-Standard-Milk", "Yoghurt-Cup", "Oatly-Oat-Milk"));

        Assert.Equal("Yoghurt-Cup", choice.ProductId);
        Assert.True(choice.Probability > 0.9, $"cup at {choice.Probability}");
        Assert.Equal(1.0, choice.CandidateProbabilities.Values.Sum(), 9);
        Assert.Equal(["Arla-Standard-Milk", "Yoghurt-Cup", "Oatly-Oat-Milk"], choice.CandidateProbabilities.Keys);
        var (e, basket) = Assert.Single(calls);
        Assert.Equal(160, e.WeightDeltaGrams);
        Assert.Equal(0, basket.TotalQuantity);
    }

    [Fact]
    public async Task ChooseAsync_WithoutWeight_StaysUnsureBetweenLookAlikes()
    {
        var (chooser, _) = Create();

        var choice = await chooser.ChooseAsync(Request(CartEventType.Add, null, "Arla-Standard-Milk", "Yoghurt-Cup"));

        Assert.InRange(choice.Probability, 0.5, 0.51);
    }

    [Fact]
    public async Task ChooseAsync_Removal_FusesAgainstABasketHoldingTheCandidates()
    {
        var (chooser, calls) = Create();

        var choice = await chooser.ChooseAsync(Request(CartEventType.Remove, -1062, "Arla-Standard-Milk", "Pink-Lady"));

        Assert.Equal("Arla-Standard-Milk", choice.ProductId);
        var (e, basket) = Assert.Single(calls);
        Assert.Equal(CartEventType.Remove, e.Type);
        Assert.Equal(["Arla-Standard-Milk", "Pink-Lady"], basket.ProductIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ChooseAsync_NoCandidateAmongFusionsTop_AnswersUniformly()
    {
        var (chooser, _) = Create();

        // With the milk's weight the fusion keeps milk, oat drink and juice (TopCandidates 3); neither candidate is among them.
        var choice = await chooser.ChooseAsync(Request(CartEventType.Add, 1062, "Pink-Lady", "Yoghurt-Cup"));

        Assert.Equal(0.5, choice.Probability, 9);
        Assert.All(choice.CandidateProbabilities.Values, p => Assert.Equal(0.5, p, 9));
    }
}
