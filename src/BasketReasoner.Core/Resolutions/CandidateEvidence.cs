using BasketReasoner.Core.Evidence;

namespace BasketReasoner.Core.Resolutions;

/// <summary>Why one product is a candidate for an event: each evidence source's term, and the fused posterior.</summary>
/// <param name="ProductId">Catalog id.</param>
/// <param name="Posterior">Fused, calibrated probability that the event is this product.</param>
/// <param name="Terms">One entry per evidence source, in the fusion's source order; empty for a candidate no fusion scored.</param>
public sealed record CandidateEvidence(string ProductId, double Posterior, IReadOnlyList<EvidenceTerm> Terms)
{
    // A durable log written before evidence had terms (one field per signal) reads back with none rather than null.
    public IReadOnlyList<EvidenceTerm> Terms { get; init; } = Terms ?? [];

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
