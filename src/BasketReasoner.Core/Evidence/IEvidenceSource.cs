namespace BasketReasoner.Core.Evidence;

/// <summary>
/// One kind of evidence about which product a cart event is (vision, retrieval similarity, weight, label text,
/// basket prior, …): for every catalog product a log-likelihood term that the fusion weights and sums. Adding a
/// source is one implementation, its options and a config entry; fusion, the API's evidence list, tuning and the
/// demo iterate over sources by <see cref="Name"/>.
/// </summary>
/// <remarks>Called once per event on the resolver's thread; implementations reuse their buffers and allocate nothing.</remarks>
public interface IEvidenceSource
{
    /// <summary>Stable, lower-case name: the key of the source's weight in the fusion config and of its terms in the API.</summary>
    string Name { get; }

    /// <summary>Writes this source's log-likelihood term for every catalog product (indexed by class).</summary>
    /// <param name="inputs">What is known about the event.</param>
    /// <param name="logTerms">One entry per catalog product.</param>
    /// <returns>
    /// <c>false</c> when the source has nothing to say about this event (no settled weight, no text read): its terms
    /// then count as 0 and <paramref name="logTerms"/> need not be written.
    /// </returns>
    bool Score(in EvidenceInputs inputs, Span<double> logTerms);
}
