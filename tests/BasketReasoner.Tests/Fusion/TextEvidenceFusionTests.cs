using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

/// <summary>Label text as the fusion's third signal, and the resolver's gate that decides when OCR runs.</summary>
public sealed class TextEvidenceFusionTests
{
    private static readonly float[] NoSimilarity = new float[5];
    private static readonly float[] SplitMilkOat = [0.45f, 0.025f, 0.45f, 0.05f, 0.025f];
    private static readonly CartEvent OneLitre = new(1, CartEventType.Add, "x.jpg", 1056.0);


    [Fact]
    public void Fuse_TextNamesOneOfTwoLookAlikes_DecidesForIt()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { TextWeight = 1.5 });
        float[] text = [0, 0, 2.4f, 0, 0];

        var r = fusion.Fuse(OneLitre, SplitMilkOat, NoSimilarity, text, new Basket());

        Assert.Equal("Oatly-Oat-Milk", r.ProductId);
        Assert.True(r.Confidence > 0.9, $"confidence {r.Confidence}");
        Assert.Equal(2.4, r.Candidates[0].LogLikelihood(EvidenceSources.Text), 5);
    }

    [Fact]
    public void Fuse_ZeroTextWeight_IgnoresTheText()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { TextWeight = 0 });

        var withText = fusion.Fuse(OneLitre, SplitMilkOat, NoSimilarity, [0, 0, 5f, 0, 0], new Basket());
        var without = fusion.Fuse(OneLitre, SplitMilkOat, NoSimilarity, new Basket());

        Assert.Equal(without.Candidates.Select(c => c.Posterior), withText.Candidates.Select(c => c.Posterior));
    }

    [Fact]
    public void Fuse_TextSpanTooShort_Throws()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions { TextWeight = 1 });

        Assert.Throws<ArgumentException>(() => fusion.Fuse(OneLitre, SplitMilkOat, NoSimilarity, [1f, 2f], new Basket()));
    }

    [Fact]
    public void Resolve_PackLikelyAndTextWeighted_ReadsTheLabelAndUsesIt()
    {
        var reader = new FixedText("OATLY");
        var resolver = new FusionResolver(TestProducts.Branded(), new FixedVision(SplitMilkOat), null, new FusionOptions { TextWeight = 1.5 }, reader);

        var r = resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.Equal(1, reader.Calls);
        Assert.Equal(1, resolver.TextReads);
        Assert.Equal("Oatly-Oat-Milk", r.ProductId);
        Assert.True(r.Candidates[0].LogLikelihood(EvidenceSources.Text) > 0);
    }

    [Fact]
    public void Resolve_LooseProduceLikely_SkipsOcrBelowTheGate()
    {
        var reader = new FixedText("OATLY");
        float[] apple = [0.01f, 0.01f, 0.01f, 0.96f, 0.01f];
        var resolver = new FusionResolver(
            TestProducts.Branded(), new FixedVision(apple), null, new FusionOptions { TextWeight = 1.5, TextGatePackagedMass = 0.1 }, reader);

        var r = resolver.Resolve(new CartEvent(1, CartEventType.Add, "x.jpg", 181.0), [1, 2, 3], new Basket());

        Assert.Equal(0, reader.Calls);
        Assert.Equal("Pink-Lady", r.ProductId);
        Assert.All(r.Candidates, c => Assert.Equal(0, c.LogLikelihood(EvidenceSources.Text)));
    }

    [Fact]
    public void Resolve_FusionWithoutTextAlreadyConfident_SkipsOcr()
    {
        var reader = new FixedText("OATLY");
        float[] sureMilk = [0.97f, 0.005f, 0.015f, 0.005f, 0.005f];
        var resolver = new FusionResolver(
            TestProducts.Branded(), new FixedVision(sureMilk), null, new FusionOptions { TextWeight = 1.5, TextSkipConfidence = 0.9 }, reader);

        var r = resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.True(r.Confidence >= 0.9, $"confidence {r.Confidence}");
        Assert.Equal(0, reader.Calls);
        Assert.False(r.LabelTextRead);
        Assert.Equal("Arla-Standard-Milk", r.ProductId);
    }

    [Fact]
    public void Resolve_FusionWithoutTextUnsure_ReadsTheLabelAndFlagsIt()
    {
        var reader = new FixedText("OATLY");
        var resolver = new FusionResolver(
            TestProducts.Branded(), new FixedVision(SplitMilkOat), null, new FusionOptions { TextWeight = 1.5, TextSkipConfidence = 0.9 }, reader);

        var r = resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.Equal(1, reader.Calls);
        Assert.True(r.LabelTextRead);
        Assert.Equal("Oatly-Oat-Milk", r.ProductId);
    }

    [Fact]
    public void Resolve_CropViews_RecognizesEveryViewAndReadsTheLabelFromAView()
    {
        var reader = new FixedText("OATLY");
        var vision = new FixedVision(SplitMilkOat);
        var resolver = new FusionResolver(TestProducts.Branded(), vision, null, new FusionOptions { TextWeight = 1.5 }, reader);
        using var frame = new RgbaFrame();
        frame.Resize(40, 30);

        var r = resolver.Resolve(OneLitre, [frame.Crop(new ItemBox(2, 3, 12, 9)), frame.Crop(new ItemBox(20, 10, 35, 30))], new Basket());

        Assert.Equal(2, vision.PixelCalls);
        Assert.Equal(1, reader.Calls);
        Assert.Contains(reader.PixelReads[0], new[] { (10, 6), (15, 20) });
        Assert.True(r.LabelTextRead);
        Assert.Equal("Oatly-Oat-Milk", r.ProductId);
    }

    [Theory]
    [InlineData(0.5, 0.89, true)]
    [InlineData(0.5, 0.9, false)]
    [InlineData(0.2, 0.5, false)]
    public void ShouldReadText_GateAndSkip_ReadOnlyWhenPackLikelyAndUnsure(double packagedMass, double confidence, bool expected) =>
        Assert.Equal(expected, FusionResolver.ShouldReadText(
            new FusionOptions { TextWeight = 1, TextGatePackagedMass = 0.3, TextSkipConfidence = 0.9 }, packagedMass, confidence));

    [Fact]
    public void Resolve_NoTextWeight_NeverCallsTheReader()
    {
        var reader = new FixedText("OATLY");
        var resolver = new FusionResolver(TestProducts.Branded(), new FixedVision(SplitMilkOat), null, new FusionOptions(), reader);

        resolver.Resolve(OneLitre, [1, 2, 3], new Basket());

        Assert.Equal(0, reader.Calls);
    }
}
