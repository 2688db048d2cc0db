using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Chain;

/// <summary>One stage of the chain over a replay.</summary>
/// <param name="Reached">Events that came to this stage (it ran, or failed, or was asked).</param>
/// <param name="Decided">Events this stage decided.</param>
/// <param name="DecidedRate">Decided as a share of all replayed events.</param>
/// <param name="Precision">Of the events it decided that carry truth, the share it got right; <c>null</c> when it decided none.
/// The simulated shopper is right by construction.</param>
/// <param name="Failed">Events on which it threw, timed out or answered outside the candidates (the next stage took them).</param>
/// <param name="LatencyMs">Its own latency over the events it ran on (failures included).</param>
/// <param name="Chose">Events with truth on which it made a choice, accepted or not: the events <paramref name="ChoiceAccuracy"/> is over.</param>
/// <param name="ChoiceAccuracy">Share of those whose choice was the truth, at any probability; <c>null</c> when it chose on none.</param>
/// <param name="FusionAccuracyOnSame">Fusion's top-1 accuracy on the very same events, the bar a later stage must clear.</param>
/// <param name="CalibrationError">Expected calibration error of its choice probabilities on those events.</param>
public sealed record StageSummary(
    int Reached, int Decided, double DecidedRate, double? Precision, int Failed, LatencySummary LatencyMs,
    int Chose = 0, double? ChoiceAccuracy = null, double? FusionAccuracyOnSame = null, double? CalibrationError = null);
