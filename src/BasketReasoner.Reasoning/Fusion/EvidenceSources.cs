using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Evidence;
using BasketReasoner.Reasoning.Fusion.Sources;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>The evidence sources the fusion sums, by name, and the one place they are built from the fusion options.</summary>
public static class EvidenceSources
{
    /// <summary>The recognizer's class probability (log, floored).</summary>
    public const string Vision = "vision";

    /// <summary>Best cosine similarity to the product's stored prototypes.</summary>
    public const string Retrieval = "retrieval";

    /// <summary>Weight log-likelihood around the catalog unit weight.</summary>
    public const string Weight = "weight";

    /// <summary>Label-text (OCR) match score.</summary>
    public const string Text = "text";

    /// <summary>log prior from the basket and the event type.</summary>
    public const string Prior = "prior";

    /// <summary>The five sources every fusion has, in summation order.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Vision, Retrieval, Weight, Text, Prior];

    /// <summary>
    /// The built-in sources, then every added source the options give a non-zero weight (an unweighted source is not
    /// built, so it costs nothing and changes nothing).
    /// </summary>
    public static IReadOnlyList<IEvidenceSource> Create(ProductCatalog catalog, FusionOptions options)
    {
        var sources = new List<IEvidenceSource>
        {
            new VisionEvidence(),
            new RetrievalEvidence(),
            new WeightEvidence(catalog, options.Weight),
            new LabelTextEvidence(),
            new BasketPriorEvidence(catalog, options),
        };
        foreach (var (name, create) in Added)
        {
            if (options.WeightOf(name) != 0)
            {
                sources.Add(create(catalog, options));
            }
        }

        return sources;
    }

    // Sources beyond the built-in five: one line each, keyed by the name their config entry has under "Sources".
    private static readonly (string Name, Func<ProductCatalog, FusionOptions, IEvidenceSource> Create)[] Added =
    [
        (LearnedWeightEvidence.SourceName, (catalog, options) => new LearnedWeightEvidence(catalog, options.SourceOptions<LearnedWeightOptions>(LearnedWeightEvidence.SourceName))),
    ];
}
