using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

public sealed class EvidenceFusionTests
{
    private static readonly float[] NoSimilarity = new float[5];

    private static float[] Vision(params (int Index, float P)[] mass)
    {
        var p = new float[5];
        var rest = (1f - mass.Sum(m => m.P)) / (5 - mass.Length);
        Array.Fill(p, rest);
        foreach (var (i, v) in mass)
        {
            p[i] = v;
        }

        return p;
    }

    [Fact]
    public void Fuse_VisionSaysYoghurtButScaleSaysOneKilo_ChoosesTheHeavyPackage()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());
        var vision = Vision((1, 0.7f), (0, 0.2f));

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1061.0), vision, NoSimilarity, new Basket());

        Assert.Equal("Arla-Standard-Milk", r.ProductId);
        Assert.NotEqual("Yoghurt-Cup", r.Candidates[0].ProductId);
        Assert.True(r.Candidates.Single(c => c.ProductId == "Yoghurt-Cup").Posterior < 0.01);
    }

    [Fact]
    public void Fuse_MilkFrameOnAHundredKilos_WeightContradictsAndIsAmbiguousHoweverSureVisionIs()
    {
        // Found by a probe: a milk carton at 100 kg was accepted by fusion alone (vision outvotes the outlier floor).
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { AmbiguityThreshold = 0.5 });

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 100_000.0), Vision((0, 0.96f)), NoSimilarity, new Basket());

        Assert.Equal("Arla-Standard-Milk", r.ProductId);
        Assert.True(r.Confidence > 0.5);
        Assert.True(r.WeightContradicts);
        Assert.True(r.IsAmbiguous);
    }

    [Theory]
    [InlineData(1061.0)]
    [InlineData(3 * 1062.0)]
    public void Fuse_WeightOfOneOrAFewUnits_DoesNotContradict(double grams)
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", grams), Vision((0, 0.96f)), NoSimilarity, new Basket());

        Assert.False(r.WeightContradicts);
    }

    [Fact]
    public void Fuse_PosteriorsOfCandidates_SumToAtMostOneAndAreSorted()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { TopCandidates = 5 });

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1055.0), Vision((0, 0.4f), (2, 0.4f)), NoSimilarity, new Basket());

        Assert.Equal(1.0, r.Candidates.Sum(c => c.Posterior), 6);
        Assert.Equal(r.Candidates.OrderByDescending(c => c.Posterior).Select(c => c.ProductId), r.Candidates.Select(c => c.ProductId));
        Assert.Equal(r.Candidates[0].Posterior, r.Confidence);
    }

    [Fact]
    public void Fuse_TwoLitreCartonsOfSameWeightAndSplitVision_IsAmbiguous()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { AmbiguityThreshold = 0.9 });

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1056.0), Vision((0, 0.45f), (2, 0.45f)), NoSimilarity, new Basket());

        Assert.True(r.IsAmbiguous);
        Assert.Contains(r.Candidates.Take(2), c => c.ProductId == "Oatly-Oat-Milk");
    }

    [Fact]
    public void Fuse_NoWeight_FollowsVisionAndRecordsNullDelta()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", null), Vision((3, 0.96f)), NoSimilarity, new Basket());

        Assert.Equal("Pink-Lady", r.ProductId);
        Assert.Null(r.WeightDeltaGrams);
        Assert.All(r.Candidates, c => Assert.Equal(0.0, c.LogLikelihood(EvidenceSources.Weight)));
    }

    [Fact]
    public void Fuse_RemoveWithNegativeDelta_PrefersWhatIsInTheBasket()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());
        var basket = new Basket();
        basket.Add("Oatly-Oat-Milk");
        basket.Add("Pink-Lady");

        // Vision leans to the milk carton, weight fits both 1 l cartons: only the oat drink is in the basket.
        var r = fusion.Fuse(new CartEvent(3, CartEventType.Remove, "x.jpg", -1050.0), Vision((0, 0.6f), (2, 0.3f)), NoSimilarity, basket);

        Assert.Equal("Oatly-Oat-Milk", r.ProductId);
        Assert.Equal(-1050.0, r.WeightDeltaGrams);
    }

    [Fact]
    public void Fuse_AddWithNegativeDelta_DoesNotCrashAndTrustsVision()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", -300.0), Vision((4, 0.9f)), NoSimilarity, new Basket());

        Assert.Equal("Bravo-Apple-Juice", r.ProductId);
    }

    [Fact]
    public void Fuse_SpanShorterThanCatalog_Throws()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());

        Assert.Throws<ArgumentException>(() => fusion.Fuse(new CartEvent(1, CartEventType.Add, "x", 1.0), new float[3], NoSimilarity, new Basket()));
    }

    [Fact]
    public void Fuse_AddRepeatBoost_TipsATieTowardsWhatIsAlreadyInTheBasket()
    {
        var basket = new Basket();
        basket.Add("Oatly-Oat-Milk");
        var tie = Vision((0, 0.45f), (2, 0.45f));
        var add = new CartEvent(2, CartEventType.Add, "x.jpg", 1056.0);

        var plain = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions()).Fuse(add, tie, NoSimilarity, basket);
        var boosted = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { AddRepeatBoost = 3 }).Fuse(add, tie, NoSimilarity, basket);

        var oat = (Resolution r) => r.Candidates.Single(c => c.ProductId == "Oatly-Oat-Milk").Posterior;
        Assert.True(oat(boosted) > oat(plain));
        Assert.Equal("Oatly-Oat-Milk", boosted.ProductId);
    }
}
