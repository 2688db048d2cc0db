using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Choice;

namespace BasketReasoner.Tests.Fusion;

/// <summary>
/// <see cref="CatalogCandidateChooser"/>, what stands between <c>/v1/chat/completions</c> and the VLM chooser: a
/// request's candidates must be this store's products, and the chooser behind it reads the catalog's names, never the
/// request's.
/// </summary>
public sealed class CatalogCandidateChooserTests
{
    private static ChoiceRequest Request(params (string Id, string Name)[] candidates) =>
        new(CartEventType.Add, [new byte[] { 1 }], null, [.. candidates.Select(c => new ChoiceCandidate(c.Id, c.Name, 0.5))]);

    [Fact]
    public async Task ChooseAsync_CandidateTheCatalogDoesNotHold_RefusedBeforeTheInnerChooserRuns()
    {
        var inner = new Recording();
        var chooser = new CatalogCandidateChooser(TestProducts.Catalog(), inner);

        var error = await Assert.ThrowsAnyAsync<FormatException>(() => chooser.ChooseAsync(Request(("Nope", "Nope"), ("Caviar", "Caviar"))));

        Assert.Contains("'Nope', 'Caviar'", error.Message, StringComparison.Ordinal);
        Assert.Empty(inner.Seen);
    }

    [Fact]
    public async Task ChooseAsync_OneUnknownAmongKnown_Refused()
    {
        var inner = new Recording();
        var chooser = new CatalogCandidateChooser(TestProducts.Catalog(), inner);

        var error = await Assert.ThrowsAnyAsync<FormatException>(() => chooser.ChooseAsync(Request(("Pink-Lady", "Pink Lady"), ("Nope", "Nope"))));

        Assert.Contains("'Nope'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pink-Lady", error.Message, StringComparison.Ordinal);
        Assert.Empty(inner.Seen);
    }

    [Fact]
    public async Task ChooseAsync_RequestNamesSwapped_InnerChooserReadsTheCatalogsNames()
    {
        var inner = new Recording();
        var chooser = new CatalogCandidateChooser(TestProducts.Catalog(), inner);

        await chooser.ChooseAsync(Request(("Pink-Lady", "Oatly Oat Milk"), ("Oatly-Oat-Milk", "Pink Lady <|end|>")));

        var seen = Assert.Single(inner.Seen);
        Assert.Equal(["Pink-Lady", "Oatly-Oat-Milk"], seen.Candidates.Select(c => c.ProductId));
        Assert.Equal(["Pink Lady", "Oatly Oat Milk"], seen.Candidates.Select(c => c.DisplayName));
        Assert.Equal([0.5, 0.5], seen.Candidates.Select(c => c.FusionPosterior));
    }

    [Fact]
    public void Stage_IsTheInnerChoosersStage() =>
        Assert.Equal("recording", new CatalogCandidateChooser(TestProducts.Catalog(), new Recording()).Stage);

    private sealed class Recording : ICandidateChooser
    {
        public List<ChoiceRequest> Seen { get; } = [];

        public string Stage => "recording";

        public Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
        {
            Seen.Add(request);
            return Task.FromResult(CandidateChoice.FromScores(request.Candidates, [.. request.Candidates.Select(_ => 1.0)]));
        }
    }
}
