using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>The product index: the best cosine similarity to the product's prototypes. Weight: <see cref="FusionOptions.RetrievalWeight"/>.</summary>
internal sealed class RetrievalEvidence : IEvidenceSource
{
    public string Name => EvidenceSources.Retrieval;

    public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
    {
        var s = inputs.Similarity;
        for (var c = 0; c < logTerms.Length; c++)
        {
            logTerms[c] = s[c];
        }

        return true;
    }
}
