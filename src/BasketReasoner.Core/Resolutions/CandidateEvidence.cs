using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Core.Resolutions;

/// <summary>Why one product is a candidate for an event: each evidence source's term, and the fused posterior.</summary>
/// <param name="ProductId">Catalog id.</param>
/// <param name="Posterior">Fused, calibrated probability that the event is this product.</param>
/// <param name="Terms">One entry per evidence source, in the fusion's source order.</param>
public sealed record CandidateEvidence(string ProductId, double Posterior, IReadOnlyList<EvidenceTerm> Terms)
{
    /// <summary>A candidate with no per-source evidence (a later stage, a hand-built resolution).</summary>
    public CandidateEvidence(string productId, double posterior)
        : this(productId, posterior, [])
    {
    }

    /// <summary>The log-likelihood term of the source named <paramref name="source"/>; 0 when it is not among <see cref="Terms"/>.</summary>
    public double LogLikelihood(string source)
    {
        foreach (var t in Terms)
        {
            if (string.Equals(t.Source, source, StringComparison.Ordinal))
            {
                return t.LogLikelihood;
            }
        }

        return 0;
    }
}
