using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Eval.Tuning;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

/// <summary>The confidence model (<see cref="ConfidenceModelOptions"/>) in fusion and its search (<see cref="ConfidenceTuner"/>).</summary>
public sealed class ConfidenceModelTests
{
    private static readonly float[] Vision = [0.55f, 0.05f, 0.3f, 0.05f, 0.05f];
    private static readonly float[] Similarity = [0.8f, 0.2f, 0.6f, 0.1f, 0.3f];

    private static FusionOptions Options(ConfidenceModelOptions? model) =>
        new() { VisionWeight = 1, RetrievalWeight = 2, TopCandidates = 5, Confidence = model };

    [Fact]
    public void Fuse_ModelWithTheFusionWeightsAndIdentityCalibration_GivesTheFusionPosterior()
    {
        var plain = new EvidenceFusion(TestProducts.Catalog(), Options(null)).Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, new Basket());
        var model = new EvidenceFusion(TestProducts.Catalog(), Options(new ConfidenceModelOptions())).Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, new Basket());

        Assert.Equal(plain.ProductId, model.ProductId);
        Assert.Equal(plain.Confidence, model.Confidence, 12);
        Assert.Equal(plain.Candidates.Select(c => c.Posterior), model.Candidates.Select(c => c.Posterior), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Fuse_SharperMarginWeights_KeepThePickAndOrderAndRaiseOnlyItsConfidence()
    {
        var catalog = TestProducts.Catalog();
        var plain = new EvidenceFusion(catalog, Options(null)).Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, new Basket());
        var fusion = new EvidenceFusion(catalog, Options(new ConfidenceModelOptions { Weights = new() { ["retrieval"] = 20, ["vision"] = 3 }, MarginSlope = 0.5 }));

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, new Basket());

        Assert.Equal(plain.Candidates.Select(c => c.ProductId), r.Candidates.Select(c => c.ProductId));
        Assert.True(r.Confidence > plain.Confidence);
        Assert.Equal(r.Confidence, r.Candidates[0].Posterior);
        Assert.Equal(1.0, r.Candidates.Sum(c => c.Posterior), 9);
        Assert.True(fusion.LastConfidenceMargin > 0);
        Assert.Equal(Math.Log(plain.Confidence / (1 - plain.Confidence)), fusion.LastPosteriorLogit, 9);
        // The others keep their fusion proportions.
        Assert.Equal(plain.Candidates[1].Posterior / plain.Candidates[2].Posterior, r.Candidates[1].Posterior / r.Candidates[2].Posterior, 9);
    }

    [Fact]
    public void Fuse_EvidenceAveragedOverTwoCameraViews_KeepsTheFusionPosterior()
    {
        // The model was fitted on close-ups; on the cart cameras' crops val showed it overconfident.
        var catalog = TestProducts.Catalog();
        var plain = new EvidenceFusion(catalog, Options(null)).Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, new Basket());
        var fusion = new EvidenceFusion(catalog, Options(new ConfidenceModelOptions { Weights = new() { ["retrieval"] = 20 }, MarginSlope = 0.5 }));

        var twoViews = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, [], new Basket(), views: 2);
        var marginAfterTwoViews = fusion.LastConfidenceMargin;
        var oneView = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, [], new Basket(), views: 1);

        Assert.Equal(plain.Confidence, twoViews.Confidence, 12);
        Assert.Equal(plain.Candidates.Select(c => c.Posterior), twoViews.Candidates.Select(c => c.Posterior), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.NotEqual(plain.Confidence, oneView.Confidence, 6);
        Assert.True(double.IsNaN(marginAfterTwoViews));
        Assert.False(double.IsNaN(fusion.LastConfidenceMargin));
    }

    [Fact]
    public void Fuse_NoConfidenceModel_MarginIsNaN()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), Options(null));

        fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", 1060.0), Vision, Similarity, new Basket());

        Assert.True(double.IsNaN(fusion.LastConfidenceMargin));
        Assert.True(double.IsNaN(fusion.LastPosteriorLogit));
    }

    [Fact]
    public void Calibrate_ExtremeInputs_StayInsideZeroToOneAndIncreaseInBoth()
    {
        var model = new ConfidenceModelOptions { PosteriorSlope = 0.8, MarginSlope = 0.3, Knee = 10, Intercept = -1.5 };
        double[] values = [double.NegativeInfinity, -1e4, -30, -1, 0, 1, 30, 1e4, double.PositiveInfinity];

        var byPosterior = values.Select(v => model.Calibrate(v, 0)).ToArray();
        var byMargin = values.Select(v => model.Calibrate(2, v)).ToArray();

        Assert.All(byPosterior.Concat(byMargin), v => Assert.InRange(v, 0.0, 1.0));
        Assert.True(byPosterior.Zip(byPosterior.Skip(1)).All(x => x.First <= x.Second));
        Assert.True(byMargin.Zip(byMargin.Skip(1)).All(x => x.First <= x.Second));
        Assert.Equal(1.0, byPosterior[^1]);
        Assert.Equal(1.0, byMargin[^1]);
        // Below the knee the margin says nothing.
        Assert.Equal(model.Calibrate(2, -5), model.Calibrate(2, 10));
        Assert.Equal(1 / (1 + Math.Exp(-((0.8 * 2) + (0.3 * 5) - 1.5))), model.Calibrate(2, 15), 12);
    }

    [Fact]
    public void Calibrate_Defaults_IsTheFusionPosterior()
    {
        var model = new ConfidenceModelOptions();

        Assert.Equal(0.9, model.Calibrate(Math.Log(0.9 / 0.1), 123), 12);
    }

    [Theory]
    [InlineData(-1.0, 1.0, 0.0, 0.0)]
    [InlineData(double.NaN, 1.0, 0.0, 0.0)]
    [InlineData(1.0, -2.0, 0.0, 0.0)]
    [InlineData(1.0, 1.0, -0.1, 0.0)]
    [InlineData(1.0, 1.0, 0.0, double.PositiveInfinity)]
    public void Validate_BadWeightSlopeOrIntercept_Throws(double weight, double posteriorSlope, double marginSlope, double intercept)
    {
        var model = new ConfidenceModelOptions { Weights = new() { ["vision"] = weight }, PosteriorSlope = posteriorSlope, MarginSlope = marginSlope, Intercept = intercept };

        Assert.Throws<ArgumentOutOfRangeException>(model.Validate);
    }

    [Fact]
    public void EvidenceFusion_WeightForNoSource_ThrowsNamingIt()
    {
        var options = Options(new ConfidenceModelOptions { Weights = new() { ["retreival"] = 8 } });

        var ex = Assert.Throws<ArgumentException>(() => new EvidenceFusion(TestProducts.Catalog(), options));

        Assert.Contains("'retreival'", ex.Message);
        Assert.DoesNotContain("Parameter", ex.Message);
    }

    [Fact]
    public void Cut_MarginsWithOneErrorInTheMiddle_TakesTheLowestCutThatKeepsTheTarget()
    {
        (double, bool)[] margins = [(5, true), (4, true), (3, false), (2, true), (1, true)];

        Assert.Equal((4.0, 0.4, 1.0), ConfidenceTuner.Cut(margins, 0.9));
        Assert.Equal((1.0, 1.0, 0.8), ConfidenceTuner.Cut(margins, 0.75));
        Assert.Equal(double.PositiveInfinity, ConfidenceTuner.Cut([(1, false)], 0.5).Cut);
    }

    [Fact]
    public void Cut_TiedMargins_NeverSplitsATie()
    {
        (double, bool)[] margins = [(3, true), (3, false), (1, true)];

        // Cutting between the two events at 3 would be 100 % right, but a threshold cannot separate them.
        Assert.Equal(0.0, ConfidenceTuner.Cut(margins, 0.9).Decided);
    }

    [Fact]
    public void Fit2_OutcomesDrawnFromAKnownSigmoid_RecoversItsSlopeAndIntercept()
    {
        var x = new List<double>();
        var correct = new List<bool>();
        for (var m = -4.0; m <= 6.0; m += 0.25)
        {
            var p = 1 / (1 + Math.Exp(-((1.5 * m) - 2)));
            var right = (int)Math.Round(p * 400);
            x.AddRange(Enumerable.Repeat(m, 400));
            correct.AddRange(Enumerable.Range(0, 400).Select(i => i < right));
        }

        var (slope, intercept) = ConfidenceTuner.Fit2(x, correct);

        Assert.Equal(1.5, slope, 1);
        Assert.Equal(-2.0, intercept, 1);
    }

    [Fact]
    public void Fit2_ScoresSpanningHundredsOfNats_ConvergesToAFiniteIncreasingFit()
    {
        // Found while tuning: an undamped Newton step on margins this wide went to a slope of 9e9.
        var x = Enumerable.Range(0, 2000).Select(i => (i % 400) - 50.0).ToArray();
        var correct = x.Select((v, i) => v > 0 || i % 3 == 0).ToArray();

        var (slope, intercept) = ConfidenceTuner.Fit2(x, correct);

        Assert.InRange(slope, 1e-3, 10);
        Assert.True(double.IsFinite(intercept));
    }

    [Fact]
    public void Tune_RetrievalSeparatesSafeEventsVisionCannot_DecidesMoreThanThePosteriorAtTheTarget()
    {
        // Vision gives every event the same split; retrieval is decisive on the "easy" two thirds and flat on the
        // rest, where vision's pick is wrong half the time. Only a margin that weighs retrieval can tell them apart.
        var sessions = Enumerable.Range(0, 300).Select(i =>
        {
            var easy = i % 3 != 0;
            var truth = easy || i % 2 == 0 ? 0 : 2;
            float[] probs = [0.5f, 0.1f, 0.3f, 0.05f, 0.05f];
            float[] sim = easy ? [0.95f, 0.2f, 0.3f, 0.1f, 0.1f] : [0.5f, 0.5f, 0.5f, 0.5f, 0.5f];
            return new SessionEvidence($"s-{i}", [new EventEvidence(new CartEvent(1, CartEventType.Add, $"f{i}.jpg", null), TestProducts.Catalog()[truth].Id, probs, sim)]);
        }).ToList();
        var fusion = new FusionOptions { VisionWeight = 1, RetrievalWeight = 0, WeightWeight = 1 };

        var result = ConfidenceTuner.Tune(TestProducts.Catalog(), sessions, sessions, fusion, 0.99, [1.0], [0.0, 16.0], [1.0]);

        Assert.Equal(0.0, result.FusionPosterior.Decided);
        Assert.Equal(16.0, result.Chosen.RetrievalWeight);
        Assert.Equal(200.0 / 300, result.Chosen.Decided, 9);
        Assert.Equal(result.Chosen.Decided, result.Chosen.CheckDecided!.Value, 9);
        var model = result.Options.Confidence!;
        Assert.Equal(16.0, model.Weights["retrieval"]);
        Assert.True(model.MarginSlope > 0);
        Assert.InRange(result.Ece, 0, 0.1);
    }

    [Fact]
    public void Score_CheckBelowTarget_IsNeverChosenOverOneThatHolds()
    {
        var holds = new ConfidenceTuningPoint(1, 4, 1, 2.0, 0.99, 0.3, 0.999, 0.28, 0.999);
        var breaks = new ConfidenceTuningPoint(1, 64, 1, 2.0, 0.99, 0.5, 0.999, 0.45, 0.99);
        var noCheck = new ConfidenceTuningPoint(1, 64, 1, 2.0, 0.99, 0.5, 0.999);

        Assert.True(holds.Score(0.998) > breaks.Score(0.998));
        Assert.Equal(0.28, holds.Score(0.998));
        Assert.Equal(0.5, noCheck.Score(0.998));
    }

    [Fact]
    public void ThresholdGrid_IsStrictlyIncreasingInsideHalfToOne()
    {
        // Found while tuning: a finer grid that repeated 0.99 made the escalation tuner's lookup of a threshold ambiguous.
        var grid = FusionTuner.ThresholdGrid;

        Assert.All(grid.Zip(grid.Skip(1)), p => Assert.True(p.First < p.Second, $"{p.First} then {p.Second}"));
        Assert.InRange(grid[0], 0.5, 1.0);
        Assert.InRange(grid[^1], 0.5, 1.0);
        Assert.Contains(0.9975, grid);
    }
}
