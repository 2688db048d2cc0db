namespace BasketReasoner.Reasoning.Escalation;

/// <summary>One stage's part in a decision: what it chose, how sure, how long it took and why it passed on.</summary>
/// <param name="Stage"><c>fusion</c>, the chooser's <c>Stage</c> (e.g. <c>on-device</c>, <c>cloud</c>) or <c>shopper</c>.</param>
/// <param name="Outcome">Accepted, unsure, failed, skipped or asked.</param>
/// <param name="ProductId">The stage's choice, when it made one.</param>
/// <param name="Probability">The stage's probability for <paramref name="ProductId"/>.</param>
/// <param name="Threshold">The threshold it had to clear.</param>
/// <param name="LatencyMs">Wall time spent in the stage.</param>
/// <param name="Detail">Why it failed, or the candidate probabilities it gave, in a line.</param>
/// <param name="CandidateProbabilities">A chooser's probability per candidate.</param>
public sealed record StageRecord(
    string Stage,
    StageOutcome Outcome,
    string? ProductId,
    double? Probability,
    double? Threshold,
    double LatencyMs,
    string? Detail = null,
    IReadOnlyDictionary<string, double>? CandidateProbabilities = null);
