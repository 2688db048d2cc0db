using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Eval.Tuning;

/// <summary>Scores of one fusion configuration on cached evidence.</summary>
public sealed record TuningPoint(double VisionWeight, double RetrievalWeight, double RepeatBoost, double RemoveOutsideBasketMass, double ItemAccuracy, double MeanNll, int Events);

/// <summary>Scores of one label-text weight and gate on cached evidence, the other fusion parameters fixed.</summary>
/// <param name="TextReadRate">Share of events whose frame the gate lets through to OCR.</param>
public sealed record TextTuningPoint(double TextWeight, double Gate, double ItemAccuracy, double PackagedAccuracy, double MeanNll, double TextReadRate);

/// <summary>Scores of one weight of an added evidence source (<see cref="FusionOptions.Sources"/>) on cached evidence, the rest fixed.</summary>
public sealed record SourceTuningPoint(string Source, double Weight, double ItemAccuracy, double MeanNll);

/// <summary>The chosen configuration, its threshold and what it achieved on the tuning split.</summary>
public sealed record TuningResult(
    FusionOptions Options, TuningPoint Best, double AmbiguousRate, double AccuracyWhenConfident, IReadOnlyList<TuningPoint> Grid,
    IReadOnlyList<TextTuningPoint>? TextGrid = null, IReadOnlyList<SourceTuningPoint>? SourceGrid = null, ConfidenceTuningResult? Confidence = null);

/// <summary>The weights the confidence-model search tries (<see cref="ConfidenceTuner"/>), and the optional check sessions its cut must hold on.</summary>
public sealed record ConfidenceSearch(
    IReadOnlyList<double> VisionWeights, IReadOnlyList<double> RetrievalWeights, IReadOnlyList<double> WeightWeights, IReadOnlyList<SessionEvidence>? Check = null);

/// <summary>Item accuracy of one configuration on cached evidence, overall and on packaged goods (branded truth).</summary>
public sealed record FusionScore(int Events, double ItemAccuracy, int PackagedEvents, double PackagedAccuracy, double MeanNll, double TextReadRate);

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
        IReadOnlyList<double> removeOutsideMasses, IReadOnlyList<double>? textWeights = null, IReadOnlyList<double>? textGates = null,
        IReadOnlyList<double>? addedSourceWeights = null, ConfidenceSearch? confidence = null)
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
        List<TextTuningPoint>? textGrid = null;
        if (textWeights is { Count: > 0 } && textGates is { Count: > 0 } && sessions.Any(s => s.Events.Any(e => e.Text is not null)))
        {
            // A second, smaller search with the vision, weight and prior parameters fixed: label text is read for
            // only some frames, so it is tuned on top of the best configuration without it.
            textGrid = [];
            foreach (var w in textWeights)
            {
                foreach (var g in textGates)
                {
                    var score = Score(catalog, sessions, chosen with { TextWeight = w, TextGatePackagedMass = g });
                    textGrid.Add(new TextTuningPoint(w, g, score.ItemAccuracy, score.PackagedAccuracy, score.MeanNll, score.TextReadRate));
                }
            }

            // Lowest NLL; among points within 0.001 nats of it, the highest gate (fewest OCR reads, the costly part).
            var bestNll = textGrid.Min(p => p.MeanNll);
            var pick = textGrid.Where(p => p.MeanNll <= bestNll + 0.001).OrderByDescending(p => p.Gate).ThenBy(p => p.MeanNll).First();
            chosen = chosen with { TextWeight = pick.TextWeight, TextGatePackagedMass = pick.Gate };
        }

        List<SourceTuningPoint>? sourceGrid = null;
        if (addedSourceWeights is { Count: > 0 })
        {
            // Each added source (a "Sources" entry in the config) gets a line search over its weight on top of the
            // rest, one source after another in name order; the lowest NLL wins.
            sourceGrid = [];
            foreach (var source in chosen.Sources.Keys.Order(StringComparer.Ordinal))
            {
                var line = addedSourceWeights.Select(w =>
                {
                    var score = Score(catalog, sessions, chosen.WithSourceWeight(source, w));
                    return new SourceTuningPoint(source, w, score.ItemAccuracy, score.MeanNll);
                }).ToArray();
                sourceGrid.AddRange(line);
                chosen = chosen.WithSourceWeight(source, line.MinBy(p => p.MeanNll)!.Weight);
            }
        }

        ConfidenceTuningResult? confidenceResult = null;
        if (confidence is not null)
        {
            // Last: the margin's weights are searched with everything the posterior depends on fixed.
            confidenceResult = ConfidenceTuner.Tune(
                catalog, sessions, confidence.Check, chosen, targetConfidentAccuracy, confidence.VisionWeights, confidence.RetrievalWeights, confidence.WeightWeights);
            chosen = confidenceResult.Options;
        }

        var (_, _, _, decisions) = Replay(catalog, sessions, chosen);
        var threshold = PickThreshold(decisions, targetConfidentAccuracy);
        if (confidenceResult is not null)
        {
            // In-sample val confidences flatter the fitted model; the cross-fitted cut is the lowest honest threshold.
            threshold = Math.Max(threshold, ThresholdGrid.FirstOrDefault(t => t >= confidenceResult.Chosen.Cut - 1e-12, ThresholdGrid[^1]));
        }

        chosen.AmbiguityThreshold = threshold;
        var confident = decisions.Where(d => d.Confidence >= threshold).ToArray();
        return new TuningResult(
            chosen,
            best,
            decisions.Count == 0 ? 0 : 1.0 - ((double)confident.Length / decisions.Count),
            confident.Length == 0 ? 0 : confident.Count(d => d.Correct) / (double)confident.Length,
            grid,
            textGrid,
            sourceGrid,
            confidenceResult);
    }

    /// <summary>
    /// Replays the cached evidence with <paramref name="options"/> (label text used where the event has it and the
    /// gate lets it through) and scores it overall and on events whose true product is a branded pack.
    /// </summary>
    public static FusionScore Score(ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions options)
    {
        var fusion = new EvidenceFusion(catalog, options with { TopCandidates = catalog.Count });
        var labelled = Labelled(catalog);
        int n = 0, ok = 0, packaged = 0, packagedOk = 0, reads = 0;
        var nll = 0.0;
        foreach (var s in sessions)
        {
            var basket = new Basket();
            foreach (var e in s.Events)
            {
                var r = FuseAsResolver(fusion, e, options, labelled, basket, out var read);
                reads += read ? 1 : 0;

                var truthPosterior = r.Candidates.FirstOrDefault(c => c.ProductId == e.Truth)?.Posterior ?? 0;
                nll -= Math.Log(Math.Max(truthPosterior, 1e-12));
                var correct = r.ProductId == e.Truth;
                n++;
                ok += correct ? 1 : 0;
                if (!string.IsNullOrWhiteSpace(catalog.Get(e.Truth).Brand))
                {
                    packaged++;
                    packagedOk += correct ? 1 : 0;
                }

                BasketUpdate.Apply(basket, r);
            }
        }

        return new FusionScore(
            n, n == 0 ? 0 : (double)ok / n, packaged, packaged == 0 ? 0 : (double)packagedOk / packaged, n == 0 ? 0 : nll / n, n == 0 ? 0 : (double)reads / n);
    }

    /// <summary>Which products carry a label worth reading (a brand), by class index.</summary>
    internal static bool[] Labelled(ProductCatalog catalog) =>
        [.. Enumerable.Range(0, catalog.Count).Select(c => !string.IsNullOrWhiteSpace(catalog[c].Brand))];

    // What the resolver decides: fusion without text, then with the event's text scores when the gates let the frame through.
    internal static Resolution FuseAsResolver(EvidenceFusion fusion, EventEvidence e, FusionOptions o, bool[] labelled, Basket basket, out bool read)
    {
        var r = fusion.Fuse(e.Event, e.Probabilities, e.Similarity, [], basket);
        read = e.Text is not null && FusionResolver.ShouldReadText(o, FusionResolver.PackagedMass(e.Probabilities, labelled), r.Confidence);
        return read ? fusion.Fuse(e.Event, e.Probabilities, e.Similarity, e.Text, basket) : r;
    }

    /// <summary>
    /// The accept thresholds tried, lowest first: 0.5 to 0.99 in steps of 0.005, then every 0.0005 to 0.999 and every
    /// 0.0001 to 0.9999 (where the operating points for 99.8 % live: with recognizer v3 the step from 0.995 to 0.998
    /// alone moved 13 % of val events to the shopper), then ever closer to 1.
    /// </summary>
    internal static readonly double[] ThresholdGrid =
    [
        .. Enumerable.Range(0, 99).Select(i => 0.5 + (i * 0.005)),
        .. Enumerable.Range(1, 18).Select(i => Math.Round(0.99 + (i * 0.0005), 5)),
        .. Enumerable.Range(1, 9).Select(i => Math.Round(0.999 + (i * 0.0001), 5)),
        0.99995, 0.99999,
    ];

    /// <summary>
    /// Lowest threshold at which the confident decisions reach <paramref name="target"/> accuracy. When no threshold
    /// does, the one with the most accurate confident decisions (the lowest such) — the best this evidence allows.
    /// </summary>
    internal static double PickThreshold(IReadOnlyList<(double Confidence, bool Correct)> decisions, double target)
    {
        var best = (Threshold: 0.5, Accuracy: -1.0);
        foreach (var t in ThresholdGrid)
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
        var labelled = Labelled(catalog);
        var decisions = new List<(double, bool)>();
        var nll = 0.0;
        var ok = 0;
        foreach (var s in sessions)
        {
            var basket = new Basket();
            foreach (var e in s.Events)
            {
                var r = FuseAsResolver(fusion, e, options, labelled, basket, out _);
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
