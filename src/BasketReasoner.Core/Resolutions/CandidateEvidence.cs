namespace BasketReasoner.Core.Resolutions;

/// <summary>Why one product is a candidate for an event: each signal's contribution, before and after fusion.</summary>
/// <param name="ProductId">Catalog id.</param>
/// <param name="Posterior">Fused, calibrated probability that the event is this product.</param>
/// <param name="VisionProbability">The recognizer's class probability.</param>
/// <param name="RetrievalSimilarity">Best cosine similarity between the frame's embedding and the product's prototypes.</param>
/// <param name="WeightLogLikelihood">log p(weight delta | product); 0 when no weight was measured.</param>
/// <param name="LogPrior">log prior of the product for this event (removals favour what is in the basket).</param>
public sealed record CandidateEvidence(
    string ProductId,
    double Posterior,
    double VisionProbability,
    double RetrievalSimilarity,
    double WeightLogLikelihood,
    double LogPrior)
{
    /// <summary>
    /// How well the label text read from the frame matches this product (0 when no text was read or it matched
    /// nothing); the fusion adds it times its text weight to the log-score.
    /// </summary>
    public double TextScore { get; init; }
}
