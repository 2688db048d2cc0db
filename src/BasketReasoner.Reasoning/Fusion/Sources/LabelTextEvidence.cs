using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>
/// Label text (OCR matched against the catalog by <c>LabelTextMatcher</c>); silent when no text was read. Weight:
/// <see cref="FusionOptions.TextWeight"/>.
/// </summary>
internal sealed class LabelTextEvidence : IEvidenceSource
{
    public string Name => EvidenceSources.Text;

    public bool Score(in EvidenceInputs inputs, Span<double> logTerms)
    {
        var t = inputs.Text;
        if (t.IsEmpty)
        {
            return false;
        }

        for (var c = 0; c < logTerms.Length; c++)
        {
            logTerms[c] = t[c];
        }

        return true;
    }
}
