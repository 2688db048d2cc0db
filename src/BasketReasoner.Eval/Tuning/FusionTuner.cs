using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Eval.Tuning;

/// <summary>Scores of one fusion configuration on cached evidence.</summary>
public sealed record TuningPoint(double VisionWeight, double RetrievalWeight, double RepeatBoost, double RemoveOutsideBasketMass, double ItemAccuracy, double MeanNll, int Events);

/// <summary>The chosen configuration, its threshold and what it achieved on the tuning split.</summary>
public sealed record TuningResult(FusionOptions Options, TuningPoint Best, double AmbiguousRate, double AccuracyWhenConfident, IReadOnlyList<TuningPoint> Grid);

/// <summary>
/// Grid search over the fusion's vision and retrieval weights on <c>val</c> sessions (mean negative
/// log-likelihood of the true product, replaying each session so removals see the basket the pipeline built),
/// then the lowest ambiguity threshold whose confident decisions reach the target accuracy.
/// </summary>
public static class FusionTuner
{
    public static TuningResult Tune(
        ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions start, double targetConfidentAccuracy,
        IReadOnlyList<double> visionWeights, IReadOnlyList<double> retrievalWeights, IReadOnlyList<double> repeatBoosts,
        IReadOnlyList<double> removeOutsideMasses)
    {
        var grid = new List<TuningPoint>();
        foreach (var v in visionWeights)
        {
            foreach (var r in retrievalWeights)
            {
                foreach (var b in repeatBoosts)
                {
                    foreach (var m in removeOutsideMasses)
                    {
                        var o = Clone(start, v, r, b) with { RemoveOutsideBasketMass = m };
                        var (acc, nll, n, _) = Replay(catalog, sessions, o);
                        grid.Add(new TuningPoint(v, r, b, m, acc, nll, n));
                    }
                }
            }
        }

        var best = grid.OrderBy(p => p.MeanNll).First();
        var chosen = Clone(start, best.VisionWeight, best.RetrievalWeight, best.RepeatBoost) with { RemoveOutsideBasketMass = best.RemoveOutsideBasketMass };
        var (_, _, _, decisions) = Replay(catalog, sessions, chosen);
        var threshold = PickThreshold(decisions, targetConfidentAccuracy);
        chosen.AmbiguityThreshold = threshold;
        var confident = decisions.Where(d => d.Confidence >= threshold).ToArray();
        return new TuningResult(
            chosen,
            best,
            decisions.Count == 0 ? 0 : 1.0 - ((double)confident.Length / decisions.Count),
            confident.Length == 0 ? 0 : confident.Count(d => d.Correct) / (double)confident.Length,
            grid);
    }

    /// <summary>
    /// Lowest threshold at which the confident decisions reach <paramref name="target"/> accuracy. When no threshold
    /// does, the one with the most accurate confident decisions (the lowest such) — the best this evidence allows.
    /// </summary>
    internal static double PickThreshold(IReadOnlyList<(double Confidence, bool Correct)> decisions, double target)
    {
        var candidates = Enumerable.Range(0, 99).Select(i => 0.5 + (i * 0.005))
            .Concat([0.995, 0.998, 0.999, 0.9995, 0.9999, 0.99995, 0.99999]);
        var best = (Threshold: 0.5, Accuracy: -1.0);
        foreach (var t in candidates)
        {
            var n = 0;
            var ok = 0;
            foreach (var (c, correct) in decisions)
            {
                if (c >= t)
                {
                    n++;
                    ok += correct ? 1 : 0;
                }
            }

            var accuracy = n == 0 ? 1.0 : (double)ok / n;
            if (accuracy >= target)
            {
                return Math.Round(t, 5);
            }

            if (accuracy > best.Accuracy + 1e-12)
            {
                best = (t, accuracy);
            }
        }

        return Math.Round(best.Threshold, 5);
    }

    private static (double Accuracy, double Nll, int Events, List<(double Confidence, bool Correct)> Decisions) Replay(
        ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions options)
    {
        var fusion = new EvidenceFusion(catalog, options with { TopCandidates = catalog.Count });
        var decisions = new List<(double, bool)>();
        var nll = 0.0;
        var ok = 0;
        foreach (var s in sessions)
        {
            var basket = new Basket();
            foreach (var e in s.Events)
            {
                var r = fusion.Fuse(e.Event, e.Probabilities, e.Similarity, basket);
                var truthPosterior = r.Candidates.FirstOrDefault(c => c.ProductId == e.Truth)?.Posterior ?? 0;
                nll -= Math.Log(Math.Max(truthPosterior, 1e-12));
                var correct = r.ProductId == e.Truth;
                ok += correct ? 1 : 0;
                decisions.Add((r.Confidence, correct));
                BasketUpdate.Apply(basket, r);
            }
        }

        var n = decisions.Count;
        return (n == 0 ? 0 : (double)ok / n, n == 0 ? 0 : nll / n, n, decisions);
    }

    private static FusionOptions Clone(FusionOptions o, double vision, double retrieval, double repeatBoost) =>
        o with { VisionWeight = vision, RetrievalWeight = retrieval, AddRepeatBoost = repeatBoost };
}
