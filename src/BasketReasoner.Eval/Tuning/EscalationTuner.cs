using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Eval.Tuning;

/// <summary>What <see cref="EscalationTuner"/> found on the sessions it was given.</summary>
/// <param name="Options">The tuned thresholds (the on-device one unchanged: no on-device chooser runs here).</param>
/// <param name="Events">Events replayed.</param>
/// <param name="FusionAcceptedRate">Share decided by fusion at the tuned threshold.</param>
/// <param name="FusionAccuracy">Accuracy of those.</param>
/// <param name="CloudAcceptedRate">Share of all events the recognizer-backed cloud stage accepts after fusion passes them on.</param>
/// <param name="CloudAccuracy">Accuracy of those.</param>
/// <param name="ShopperRate">Share left to the shopper (no on-device stage counted).</param>
/// <param name="TruthInCandidates">Share of escalated events whose truth is among the candidates shown.</param>
public sealed record EscalationTuningResult(
    EscalationOptions Options, int Events, double FusionAcceptedRate, double FusionAccuracy,
    double CloudAcceptedRate, double CloudAccuracy, double ShopperRate, double TruthInCandidates);

/// <summary>
/// Tunes the escalation thresholds on cached evidence of val sessions: fusion's accept threshold, and the cloud
/// stage's for the chooser that exists without a generative model (the recognizer's probabilities restricted to
/// the top candidates and renormalized, what <c>ChatBackend = recognizer</c> answers). Each threshold is the lowest
/// whose accepted decisions reach the target accuracy. Baskets evolve with fusion's best guess, as in
/// <see cref="FusionTuner"/>.
/// </summary>
public static class EscalationTuner
{
    public static EscalationTuningResult Tune(
        ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions fusionOptions, EscalationOptions current, double target)
    {
        var fusion = new EvidenceFusion(catalog, fusionOptions with { TopCandidates = Math.Max(fusionOptions.TopCandidates, current.CandidateCount) });
        var first = new List<(double Confidence, bool Correct)>();
        var second = new List<(double FusionConfidence, double Confidence, bool Correct, bool TruthShown)>();
        foreach (var s in sessions)
        {
            var basket = new Basket();
            foreach (var e in s.Events)
            {
                var r = fusion.Fuse(e.Event, e.Probabilities, e.Similarity, basket);
                first.Add((r.Confidence, r.ProductId == e.Truth));
                var shown = r.Candidates.Take(current.CandidateCount).ToArray();
                var scores = shown.Select(c => (double)e.Probabilities[catalog.Get(c.ProductId).ClassIndex]).ToArray();
                var total = scores.Sum();
                var best = Array.IndexOf(scores, scores.Max());
                var confidence = total > 0 ? scores[best] / total : 1.0 / shown.Length;
                second.Add((r.Confidence, confidence, shown[best].ProductId == e.Truth, shown.Any(c => c.ProductId == e.Truth)));
                BasketUpdate.Apply(basket, r);
            }
        }

        var fusionThreshold = FusionTuner.PickThreshold(first, target);
        var escalated = second.Where(x => x.FusionConfidence < fusionThreshold).ToList();
        var cloudThreshold = FusionTuner.PickThreshold(escalated.Select(x => (x.Confidence, x.Correct)).ToList(), target);
        var n = first.Count;
        var fusionAccepted = first.Where(x => x.Confidence >= fusionThreshold).ToList();
        var cloudAccepted = escalated.Where(x => x.Confidence >= cloudThreshold).ToList();
        return new EscalationTuningResult(
            current with { FusionAcceptThreshold = fusionThreshold, CloudAcceptThreshold = cloudThreshold },
            n,
            Rate(fusionAccepted.Count, n),
            fusionAccepted.Count == 0 ? 1 : fusionAccepted.Count(x => x.Correct) / (double)fusionAccepted.Count,
            Rate(cloudAccepted.Count, n),
            cloudAccepted.Count == 0 ? 1 : cloudAccepted.Count(x => x.Correct) / (double)cloudAccepted.Count,
            Rate(escalated.Count - cloudAccepted.Count, n),
            escalated.Count == 0 ? 1 : escalated.Count(x => x.TruthShown) / (double)escalated.Count);
    }

    private static double Rate(int k, int n) => n == 0 ? 0 : (double)k / n;
}
