namespace BasketReasoner.Core.Evidence;

/// <summary>One source's say about one candidate: its log-likelihood term and the weight fusion gave it.</summary>
/// <param name="Source">The source's <see cref="IEvidenceSource.Name"/>.</param>
/// <param name="LogLikelihood">The source's term for the candidate; 0 when the source had nothing to say about the event.</param>
/// <param name="Weight">The fusion weight of the source.</param>
public readonly record struct EvidenceTerm(string Source, double LogLikelihood, double Weight)
{
    /// <summary>What the term added to the candidate's log-score: <see cref="Weight"/> × <see cref="LogLikelihood"/>.</summary>
    public double Contribution => Weight * LogLikelihood;
}
