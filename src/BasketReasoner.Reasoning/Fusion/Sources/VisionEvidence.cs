using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>The recognizer: log p_vision(c), floored so that one confident mistake cannot veto a product. Weight: <see cref="FusionOptions.VisionWeight"/>.</summary>
internal sealed class VisionEvidence : IEvidenceSource
{
    private const double Floor = 1e-6;

    public string Name => EvidenceSources.Vision;

    public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
    {
        var p = inputs.Probabilities;
        for (var c = 0; c < logTerms.Length; c++)
        {
            logTerms[c] = Math.Log(Math.Max(p[c], Floor));
        }

        return true;
    }
}
