using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>
/// The scale: log p(|Δw| | c) around the catalog unit weight (<see cref="WeightLikelihood"/>); silent when the scale
/// did not settle. Weight: <see cref="FusionOptions.WeightWeight"/>.
/// </summary>
internal sealed class WeightEvidence(ProductCatalog catalog, WeightModelOptions options) : IEvidenceSource
{
    private readonly WeightLikelihood _likelihood = new(options);

    public string Name => EvidenceSources.Weight;

    public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
    {
        if (inputs.MeasuredGrams is not { } grams)
        {
            return false;
        }

        for (var c = 0; c < logTerms.Length; c++)
        {
            logTerms[c] = _likelihood.LogLikelihood(catalog[c], grams);
        }

        return true;
    }
}
