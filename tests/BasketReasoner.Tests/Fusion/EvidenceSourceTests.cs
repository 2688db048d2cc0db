using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Evidence;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Serialization;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Tests.Fusion;

public sealed class EvidenceSourceTests
{
    private static readonly float[] FlatVision = [0.2f, 0.2f, 0.2f, 0.2f, 0.2f];
    private static readonly float[] NoSimilarity = new float[5];

    /// <summary>Says "the juice" (class 4) with a fixed log-likelihood margin; an added source as a test sees it.</summary>
    private sealed class JuiceLover(string name) : IEvidenceSource
    {
        public string Name => name;

        public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
        {
            logTerms.Clear();
            logTerms[4] = 3;
            return true;
        }
    }

    [Fact]
    public void Create_DefaultOptions_BuildsTheFiveBuiltInSourcesInOrder()
    {
        var sources = EvidenceSources.Create(TestProducts.Catalog(), new FusionOptions());

        Assert.Equal(EvidenceSources.BuiltIn, sources.Select(s => s.Name));
    }

    [Fact]
    public void Fuse_AddedSourceWithWeight_ShiftsThePosteriorByItsWeightedTerm()
    {
        var catalog = TestProducts.Catalog();
        var options = new FusionOptions().WithSourceWeight("juice", 0.5);
        var sources = EvidenceSources.Create(catalog, options).Append(new JuiceLover("juice")).ToArray();
        var plain = new EvidenceFusion(catalog, new FusionOptions());
        var fusion = new EvidenceFusion(catalog, options, sources);
        var e = new CartEvent(1, CartEventType.Add, "x.jpg", null);

        var before = plain.Fuse(e, FlatVision, NoSimilarity, new Basket());
        var after = fusion.Fuse(e, FlatVision, NoSimilarity, new Basket());

        var juice = catalog[4].Id;
        var (p0, p1) = (before.Candidates.Single(c => c.ProductId == juice).Posterior, after.Candidates.Single(c => c.ProductId == juice).Posterior);
        // Odds against any other product grow by exp(0.5 · 3).
        Assert.Equal(Math.Exp(1.5), p1 / ((1 - p1) / 4) / (p0 / ((1 - p0) / 4)), 6);
        var term = after.Candidates[0].Terms.Single(t => t.Source == "juice");
        Assert.Equal((3.0, 0.5, 1.5), (term.LogLikelihood, term.Weight, term.Contribution));
    }

    [Fact]
    public void Fuse_NoWeightMeasured_WeightTermIsZeroAndEveryCandidateListsEverySource()
    {
        var fusion = new EvidenceFusion(TestProducts.Catalog(), new FusionOptions());

        var r = fusion.Fuse(new CartEvent(1, CartEventType.Add, "x.jpg", null), FlatVision, NoSimilarity, new Basket());

        Assert.All(r.Candidates, c => Assert.Equal(EvidenceSources.BuiltIn, c.Terms.Select(t => t.Source)));
        Assert.All(r.Candidates, c => Assert.Equal(0, c.LogLikelihood(EvidenceSources.Weight)));
        Assert.All(r.Candidates, c => Assert.Equal(Math.Log(0.2f), c.LogLikelihood(EvidenceSources.Vision), 12));
    }

    [Fact]
    public void EvidenceFusion_DuplicateSourceNames_Throws()
    {
        var catalog = TestProducts.Catalog();

        Assert.Throws<ArgumentException>(() => new EvidenceFusion(catalog, new FusionOptions(), [new JuiceLover("a"), new JuiceLover("a")]));
    }

    [Fact]
    public void WeightOf_ConfigEntries_ReadsBuiltInPropertiesAndAddedSourceEntries()
    {
        var options = JsonSerializer.Deserialize<FusionOptions>(
            """{ "VisionWeight": 2, "TextWeight": 0.5, "Sources": { "juice": { "Weight": 1.25, "Other": "kept" } } }""")!;

        Assert.Equal(2, options.WeightOf(EvidenceSources.Vision));
        Assert.Equal(0.5, options.WeightOf(EvidenceSources.Text));
        Assert.Equal(1, options.WeightOf(EvidenceSources.Prior));
        Assert.Equal(1.25, options.WeightOf("juice"));
        Assert.Equal(0, options.WeightOf("unknown"));
        var changed = options.WithSourceWeight("juice", 3);
        Assert.Equal(3, changed.WeightOf("juice"));
        Assert.Equal("kept", changed.Sources["juice"].GetProperty("Other").GetString());
        Assert.Equal(1.25, options.WeightOf("juice"));
        Assert.Throws<ArgumentException>(() => options.WithSourceWeight(EvidenceSources.Vision, 1));
    }

    [Fact]
    public void CandidateEvidence_JsonRoundTripAndOldLogLine_KeepsTermsOrReadsNone()
    {
        var candidate = new CandidateEvidence("Banana", 0.9, [new EvidenceTerm(EvidenceSources.Vision, -0.1, 1), new EvidenceTerm(EvidenceSources.Weight, -4.5, 1)]);

        var back = JsonSerializer.Deserialize<CandidateEvidence>(JsonSerializer.Serialize(candidate, SnakeCaseJson.Options), SnakeCaseJson.Options)!;
        var old = JsonSerializer.Deserialize<CandidateEvidence>(
            """{"product_id":"Banana","posterior":0.9,"vision_probability":0.8,"retrieval_similarity":0.7,"weight_log_likelihood":-4.5,"log_prior":-4.4}""",
            SnakeCaseJson.Options)!;

        Assert.Equal(candidate.Terms, back.Terms);
        Assert.Equal(-4.5, back.LogLikelihood(EvidenceSources.Weight));
        Assert.Equal(("Banana", 0.9), (old.ProductId, old.Posterior));
        Assert.Empty(old.Terms);
    }
}
