using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Reasoning.Text;

namespace BasketReasoner.Tests.Fusion;

/// <summary>The label-text gate: text is read only while the decision depends on it, and a read re-decides.</summary>
public sealed class LabelTextGateTests
{
    private static readonly float[] SplitMilkOat = [0.45f, 0.025f, 0.45f, 0.05f, 0.025f];
    private static readonly float[] SureMilk = [0.97f, 0.005f, 0.015f, 0.005f, 0.005f];
    private static readonly CartEvent OneLitre = new(1, CartEventType.Add, "x.jpg", 1056.0);


    private static FusionOptions Gated(double decidedAt, double textWeight = 1.5) =>
        new() { TextWeight = textWeight, TextGatePackagedMass = 0.3, TextGate = new LabelTextGateOptions { DecidedAt = decidedAt } };

    [Fact]
    public void Resolve_FusionWithoutTextClearsDecidedAt_SkipsTheLabel()
    {
        var reader = new FixedText("OATLY");
        var resolver = new FusionResolver(TestProducts.Branded(), new FixedVision(SureMilk), null, Gated(0.9), reader);

        var r = resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.True(r.Confidence >= 0.9, $"confidence {r.Confidence}");
        Assert.Equal(0, reader.Calls);
        Assert.False(r.LabelTextRead);
        Assert.False(r.LabelTextPending);
    }

    [Fact]
    public void Resolve_BelowDecidedAtAndTextCanLiftAProduct_ReadsAndReDecides()
    {
        var reader = new FixedText("OATLY");
        var options = Gated(0.995);
        var withoutText = new FusionResolver(TestProducts.Branded(), new FixedVision(SplitMilkOat), null, options, null).Resolve(OneLitre, [1, 2, 3], new Basket());
        var resolver = new FusionResolver(TestProducts.Branded(), new FixedVision(SplitMilkOat), null, options, reader);

        var r = resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.True(withoutText.Confidence < 0.995, $"confidence without text {withoutText.Confidence}");
        Assert.Equal(1, reader.Calls);
        Assert.True(r.LabelTextRead);
        Assert.Equal("Oatly-Oat-Milk", r.ProductId);
        Assert.True(r.Confidence > withoutText.Confidence, $"{r.Confidence} vs {withoutText.Confidence} without text");
    }

    [Fact]
    public void Resolve_DeferLabelText_LeavesTheLabelPendingAndAReadingResolverDecides()
    {
        var reader = new FixedText("OATLY");
        var options = Gated(0.995);
        var deferring = new FusionResolver(TestProducts.Branded(), new FixedVision(SplitMilkOat), null, options, reader) { DeferLabelText = true };
        var refining = new FusionResolver(TestProducts.Branded(), new FixedVision(SplitMilkOat), null, options, reader);

        var acknowledged = deferring.Resolve(OneLitre, [1, 2, 3], new Basket());
        Assert.Equal(0, reader.Calls);
        var refined = refining.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.True(acknowledged.LabelTextPending);
        Assert.False(acknowledged.LabelTextRead);
        Assert.Equal(1, reader.Calls);
        Assert.False(refined.LabelTextPending);
        Assert.Equal("Oatly-Oat-Milk", refined.ProductId);
    }

    [Fact]
    public void ResolveLabel_KeptRecognizerOutput_ReadsTheLabelWithoutASecondRecognizerPass()
    {
        var reader = new FixedText("OATLY");
        var vision = new FixedVision(SplitMilkOat);
        var options = Gated(0.995);
        var deferring = new FusionResolver(TestProducts.Branded(), vision, null, options, reader) { DeferLabelText = true };
        var refining = new FusionResolver(TestProducts.Branded(), vision, null, options, reader);

        var acknowledged = deferring.Resolve(OneLitre, [new byte[] { 1, 2, 3 }], new Basket());
        var pending = deferring.TakePendingLabel();
        var refined = refining.ResolveLabel(OneLitre, pending!, [new byte[] { 1, 2, 3 }], new Basket());

        Assert.True(acknowledged.LabelTextPending);
        Assert.Null(deferring.TakePendingLabel());
        Assert.Equal(1, vision.Calls);
        Assert.Equal(1, reader.Calls);
        Assert.True(refined.LabelTextRead);
        Assert.Equal("Oatly-Oat-Milk", refined.ProductId);
    }

    [Fact]
    public void Resolve_DeferLabelTextButDecided_NothingPending()
    {
        var reader = new FixedText("OATLY");
        var resolver = new FusionResolver(TestProducts.Branded(), new FixedVision(SureMilk), null, Gated(0.9), reader) { DeferLabelText = true };

        var r = resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.False(r.LabelTextPending);
        Assert.Equal(0, reader.Calls);
    }

    [Theory]
    [InlineData(0.95, null, false)]
    [InlineData(0.95, 0.995, true)]
    [InlineData(0.996, 0.995, false)]
    [InlineData(0.5, 0.4, false)]
    public void ShouldReadText_DecidedAtSet_ReplacesTheFixedSkipConfidence(double confidence, double? decidedAt, bool expected) =>
        Assert.Equal(expected, FusionResolver.ShouldReadText(
            new FusionOptions { TextWeight = 1, TextGatePackagedMass = 0.3, TextSkipConfidence = 0.9, TextGate = new LabelTextGateOptions { DecidedAt = decidedAt } },
            packagedMass: 0.8, confidence));

    [Fact]
    public void CanReach_NoLabelCouldLiftAnyProductToDecidedAt_Skips()
    {
        var catalog = TestProducts.Branded();
        var gate = new LabelTextGate(catalog, new LabelTextMatcher(catalog));
        // Mostly an apple (no label); the packs hold little mass, and a weak text weight cannot lift them to 0.995.
        var r = Resolved(("Pink-Lady", 0.9), ("Arla-Standard-Milk", 0.04), ("Oatly-Oat-Milk", 0.03), ("Yoghurt-Cup", 0.02), ("Bravo-Apple-Juice", 0.01));

        Assert.False(gate.CanReach(Gated(0.995, textWeight: 0.1), r));
        Assert.False(gate.ShouldRead(Gated(0.995, textWeight: 0.1), packagedMass: 0.5, r));
        Assert.True(gate.CanReach(Gated(0.995, textWeight: 3), r));
        Assert.True(gate.ShouldRead(Gated(0.995, textWeight: 3), packagedMass: 0.5, r));
    }

    [Fact]
    public void CanReach_ConfidenceModelAmplifiesTheText_BoundsWithItsSlopes()
    {
        var catalog = TestProducts.Branded();
        var gate = new LabelTextGate(catalog, new LabelTextMatcher(catalog));
        var r = Resolved(("Pink-Lady", 0.9), ("Arla-Standard-Milk", 0.04), ("Oatly-Oat-Milk", 0.03), ("Yoghurt-Cup", 0.02), ("Bravo-Apple-Juice", 0.01));
        var weak = Gated(0.995, textWeight: 0.1);

        // The same weak text weight, but the confidence moves by 40 × its score through the margin: reachable.
        var amplified = weak with { Confidence = new ConfidenceModelOptions { Weights = new() { ["text"] = 4 }, MarginSlope = 10 } };

        Assert.False(gate.CanReach(weak, r));
        Assert.True(gate.CanReach(amplified, r));
    }

    [Fact]
    public void CanReach_ProductsBeyondTheCandidates_BoundedByTheCatalogsBestLabel()
    {
        var catalog = TestProducts.Branded();
        var matcher = new LabelTextMatcher(catalog);
        var gate = new LabelTextGate(catalog, matcher);
        var best = Enumerable.Range(0, catalog.Count).Max(matcher.MaxScore);
        // One loose candidate listed; the other 0.4 of the mass could be any pack.
        var r = Resolved(("Pink-Lady", 0.6));

        // A boost of 1 lifts 0.4 to 0.64 at most; a boost of 20 to above 0.999 (the bound is 1 / (1 + 1.5·e^−b)).
        Assert.False(gate.CanReach(Gated(0.995, textWeight: 1 / best), r));
        Assert.True(gate.CanReach(Gated(0.995, textWeight: 20 / best), r));
    }

    [Theory]
    [InlineData(0.5, 0.0, 0.5)]
    [InlineData(0.5, 1.0986122886681098, 0.75)]
    [InlineData(0.0, 50.0, 0.0)]
    [InlineData(0.001, 1000.0, 1.0)]
    public void Bound_BoostedPosterior_MatchesTheClosedForm(double posterior, double logBoost, double expected) =>
        Assert.Equal(expected, LabelTextGate.Bound(posterior, logBoost), 9);

    [Fact]
    public void MaxScore_LooseProduce_ZeroAndPacksPositive()
    {
        var catalog = TestProducts.Branded();
        var matcher = new LabelTextMatcher(catalog);

        Assert.Equal(0, matcher.MaxScore(3));
        Assert.True(matcher.MaxScore(2) > 0);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Validate_DecidedAtOutOfRange_Throws(double decidedAt) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelTextGateOptions { DecidedAt = decidedAt }.Validate());

    [Fact]
    public void Validate_DefaultsAndEdges_Pass()
    {
        new LabelTextGateOptions().Validate();
        new LabelTextGateOptions { DecidedAt = 0 }.Validate();
        new LabelTextGateOptions { DecidedAt = 1.01 }.Validate();
    }

    private static Resolution Resolved(params (string Id, double Posterior)[] candidates) => new()
    {
        Seq = 1,
        Type = CartEventType.Add,
        ProductId = candidates[0].Id,
        Confidence = candidates[0].Posterior,
        IsAmbiguous = true,
        Candidates = [.. candidates.Select(c => new CandidateEvidence(c.Id, c.Posterior, []))],
        Stage = "fusion",
    };
}
