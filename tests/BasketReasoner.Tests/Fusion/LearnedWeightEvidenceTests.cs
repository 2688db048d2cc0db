using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Evidence;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Reasoning.Fusion.Sources;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Fusion;

public sealed class LearnedWeightEvidenceTests
{
    private static readonly LearnedWeightOptions NoFit = new() { FitSessions = null };

    private static double[] Score(LearnedWeightEvidence source, ProductCatalog catalog, double grams)
    {
        var terms = new double[catalog.Count];
        var inputs = new EvidenceInputs { Event = new CartEvent(1, CartEventType.Add, "x.jpg", grams), MeasuredGrams = grams, Basket = new Basket() };
        Assert.True(source.Score(inputs, terms));
        return terms;
    }

    // Each weighing confirmed on a cart of its own (one cart teaches only its share of a product).
    private static void LearnMany(LearnedWeightEvidence source, string product, params double[] grams)
    {
        for (var i = 0; i < grams.Length; i++)
        {
            source.Learn(new CartEvent(i + 1, CartEventType.Add, "x.jpg", grams[i]), product, $"cart-{i}");
        }
    }

    private static void LearnFromOneCart(LearnedWeightEvidence source, string product, string cart, params double[] grams)
    {
        for (var i = 0; i < grams.Length; i++)
        {
            source.Learn(new CartEvent(i + 1, CartEventType.Add, "x.jpg", grams[i]), product, cart);
        }
    }

    // The shipped configuration's fit (sessions simulated from train), on a catalog instance of the test's own so the
    // learned table is not shared with other tests (tables are per catalog instance and options).
    private static (LearnedWeightEvidence Source, ProductCatalog Catalog) Shipped(LearnedWeightOptions? options = null)
    {
        var catalog = ProductCatalog.Load(RepoPaths.CatalogPath);
        return (new LearnedWeightEvidence(catalog, options ?? new LearnedWeightOptions { FitSessions = Path.Combine(RepoPaths.Root, "eval", "sessions", "train-400.jsonl") }), catalog);
    }

    [Fact]
    public void Score_ProductOftenWeighedHeavierThanItsCatalogWeight_FavoursWhatWasLearned()
    {
        var catalog = TestProducts.Catalog();
        var source = new LearnedWeightEvidence(catalog, NoFit);
        var milk = catalog.Get("Arla-Standard-Milk").ClassIndex;
        Assert.True(Score(source, catalog, 1062)[milk] > Score(source, catalog, 1250)[milk]);

        LearnMany(source, "Arla-Standard-Milk", [.. Enumerable.Range(0, 40).Select(i => 1245.0 + (i % 5 * 2))]);

        Assert.Equal(40, source.Observations("Arla-Standard-Milk"));
        Assert.True(Score(source, catalog, 1250)[milk] > Score(source, catalog, 1062)[milk]);
    }

    [Fact]
    public void Score_OneOddObservation_StaysCloseToTheCatalogPrior()
    {
        var catalog = TestProducts.Catalog();
        var source = new LearnedWeightEvidence(catalog, NoFit);
        var milk = catalog.Get("Arla-Standard-Milk").ClassIndex;

        LearnMany(source, "Arla-Standard-Milk", 1500);

        Assert.True(Score(source, catalog, 1062)[milk] > Score(source, catalog, 1500)[milk]);
    }

    [Fact]
    public void Score_FarOutlier_IsFlooredNotVetoed()
    {
        var catalog = TestProducts.Catalog();
        var source = new LearnedWeightEvidence(catalog, NoFit);

        var terms = Score(source, catalog, 4000);

        Assert.All(terms, t => Assert.True(t >= Math.Log(0.01 / 5000) - 1e-9));
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-6)]
    [InlineData(0.5)]
    public void Score_SubGramWeight_EveryProductTheSameFloorNoBlowUp(double grams)
    {
        var catalog = TestProducts.Catalog();
        var source = new LearnedWeightEvidence(catalog, NoFit);

        var terms = Score(source, catalog, grams);

        Assert.All(terms, t => Assert.Equal(terms[0], t));
        Assert.True(terms[0] < 0, $"{terms[0]}");
        Assert.Equal(Score(source, catalog, 0)[0], terms[0]);
    }

    [Fact]
    public void Score_NoSettledWeight_SaysNothing()
    {
        var catalog = TestProducts.Catalog();
        var source = new LearnedWeightEvidence(catalog, NoFit);
        var inputs = new EvidenceInputs { Event = new CartEvent(1, CartEventType.Add, "x.jpg", null), MeasuredGrams = null, Basket = new Basket() };

        Assert.False(source.Score(inputs, new double[catalog.Count]));
    }

    [Fact]
    public void Fit_CommittedTrainSessions_LearnsEveryWeighedProductsWeight()
    {
        var catalog = ProductCatalog.Load(RepoPaths.CatalogPath);
        var source = new LearnedWeightEvidence(catalog, new LearnedWeightOptions { FitSessions = Path.Combine(RepoPaths.Root, "eval", "sessions", "train-400.jsonl") });

        Assert.True(catalog.Products.Count(p => source.Observations(p.Id) > 0) > catalog.Count * 0.9);
        var banana = catalog.Get("Banana");
        var terms = Score(source, catalog, banana.UnitWeightGrams);
        Assert.True(terms[banana.ClassIndex] > Score(source, catalog, banana.UnitWeightGrams * 4)[banana.ClassIndex]);
    }

    [Fact]
    public void Fit_TestSplitFile_IsRefused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"test-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(file, "");
        try
        {
            Assert.Throws<InvalidOperationException>(() => new LearnedWeightEvidence(TestProducts.Catalog(), new LearnedWeightOptions { FitSessions = file }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Garlic", 1062)]
    [InlineData("Garlic", 5000)]
    [InlineData("Garlic", 5)]
    [InlineData("Watermelon", 500)]
    [InlineData("Arla-Standard-Milk", 2120)]
    [InlineData("Arla-Standard-Milk", 175)]
    public void Learn_WeightNoSingleUnitOfTheProductHas_IsNotLearned(string product, double grams)
    {
        var catalog = ProductCatalog.Load(RepoPaths.CatalogPath);
        var source = new LearnedWeightEvidence(catalog, NoFit);
        var c = catalog.Get(product).ClassIndex;
        var typical = Score(source, catalog, catalog.Get(product).UnitWeightGrams)[c];

        // A confirmation is not proof of a weight: a 1062 g "garlic", a cut piece, two packs at once teach nothing.
        LearnMany(source, product, [.. Enumerable.Repeat(grams, 20)]);

        Assert.Equal(0, source.Observations(product));
        Assert.Equal(typical, Score(source, catalog, catalog.Get(product).UnitWeightGrams)[c]);
    }

    [Fact]
    public void Learn_OneCartConfirmingAgainAndAgain_TeachesOnlyItsShare()
    {
        var catalog = ProductCatalog.Load(RepoPaths.CatalogPath);
        var source = new LearnedWeightEvidence(catalog, NoFit with { MaxPerContributor = 3 });

        LearnFromOneCart(source, "Garlic", "cart-a", [.. Enumerable.Repeat(240.0, 20)]);
        LearnFromOneCart(source, "Banana", "cart-a", 180, 190);
        LearnFromOneCart(source, "Garlic", "cart-b", 55);

        Assert.Equal((4, 2), (source.Observations("Garlic"), source.Observations("Banana")));
    }

    [Fact]
    public void Learn_PoisoningSequenceFromOneCart_LearnedGarlicStaysWithinABound()
    {
        // The reported attack: one cart confirms "garlic" 20 times at absurd weights, and the worst a cart can still do:
        // 20 more at the heaviest weight one garlic may plausibly have (5 typical pieces, 250 g).
        var (source, catalog) = Shipped();
        var garlic = catalog.Get("Garlic");
        var before = (Typical: Score(source, catalog, 50)[garlic.ClassIndex], Heavy: Score(source, catalog, 250)[garlic.ClassIndex]);
        var fitted = source.Observations("Garlic");

        LearnFromOneCart(source, "Garlic", "cart-a", [.. Enumerable.Repeat(5000.0, 20)]);
        LearnFromOneCart(source, "Garlic", "cart-a", [.. Enumerable.Repeat(250.0, 20)]);

        // At most the cart's share is learned, and the term a typical garlic gets (and a 250 g one) moves by a little.
        Assert.Equal(fitted + new LearnedWeightOptions().MaxPerContributor, source.Observations("Garlic"));
        var after = (Typical: Score(source, catalog, 50)[garlic.ClassIndex], Heavy: Score(source, catalog, 250)[garlic.ClassIndex]);
        Assert.InRange(after.Typical - before.Typical, -0.5, 0.5);
        Assert.InRange(after.Heavy - before.Heavy, -0.5, 1.5);
        Assert.True(after.Typical > after.Heavy + 2, $"garlic at 50 g ({after.Typical:F2}) should stay far likelier than at 250 g ({after.Heavy:F2})");
    }

    [Fact]
    public void Options_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearnedWeightEvidence(TestProducts.Catalog(), NoFit with { MaxPerContributor = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearnedWeightEvidence(TestProducts.Catalog(), NoFit with { MaxPerContributor = 1001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearnedWeightEvidence(TestProducts.Catalog(), NoFit with { DegreesOfFreedom = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearnedWeightEvidence(TestProducts.Catalog(), NoFit with { OutlierProbability = 1 }));
    }

    [Fact]
    public void Create_ConfigWeightZeroOrPositive_BuildsTheSourceOnlyWhenWeighted()
    {
        var catalog = TestProducts.Catalog();
        var off = new FusionOptions().WithSourceWeight(LearnedWeightEvidence.SourceName, 0);
        var on = new FusionOptions
        {
            Sources = new() { [LearnedWeightEvidence.SourceName] = JsonSerializer.SerializeToElement(new { Weight = 1, FitSessions = (string?)null }) },
        };

        Assert.DoesNotContain(EvidenceSources.Create(catalog, off), s => s.Name == LearnedWeightEvidence.SourceName);
        var fusion = new EvidenceFusion(catalog, on);
        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1062), [0.2f, 0.2f, 0.2f, 0.2f, 0.2f], new float[5], new Basket());
        Assert.Contains(r.Candidates[0].Terms, t => t.Source == LearnedWeightEvidence.SourceName && t.LogLikelihood != 0);
    }
}
