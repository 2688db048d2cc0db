using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Numerics;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Eval.Tuning;

/// <summary>
/// One point of the confidence-model search (<see cref="ConfidenceTuner"/>): the margin's weights and knee, the lowest
/// cut (a calibrated confidence) at which the cross-fitted val events above it reach the target accuracy, the share of
/// events it lets through and their accuracy, and — with a check file — the share and accuracy at that same cut on the
/// check sessions.
/// </summary>
public sealed record ConfidenceTuningPoint(
    double VisionWeight, double RetrievalWeight, double WeightWeight, double Knee, double Cut, double Decided, double Accuracy,
    double? CheckDecided = null, double? CheckAccuracy = null)
{
    /// <summary>
    /// What the search maximises: the val share, or with a check file the smaller of the two shares when the check's
    /// decided events also reach the target (else −1: a cut that does not carry over to other sessions is no use).
    /// </summary>
    public double Score(double target) =>
        CheckDecided is not { } checkDecided ? Decided
        : CheckAccuracy >= target ? Math.Min(Decided, checkDecided)
        : -1;
}

/// <summary>The chosen confidence model and the search behind it.</summary>
/// <param name="FusionPosterior">The fusion posterior alone, Platt-scaled: what the search has to beat.</param>
/// <param name="Ece">Expected calibration error (10 bins) of the chosen model's confidence on the val events.</param>
public sealed record ConfidenceTuningResult(
    FusionOptions Options, ConfidenceTuningPoint Chosen, ConfidenceTuningPoint FusionPosterior, IReadOnlyList<ConfidenceTuningPoint> Grid, double Ece);

/// <summary>
/// Searches the confidence model (<see cref="ConfidenceModelOptions"/>) on val sessions. For each weighting of vision,
/// retrieval and the weight likelihood in the margin, and each knee (a quantile of the val margins), a logistic fit
/// (Platt's smoothed targets) gives the confidence; each event is scored by a fit on the other photos' events
/// (<see cref="Folds"/> folds by photo), the events are ranked by that score and cut where the decided ones still
/// reach the target accuracy. The model that lets the most events through wins — with a check file, the one
/// whose cut also holds on the check sessions, scored by the smaller share. The fusion posterior alone is always a
/// candidate, so the result is never worse on val than today's confidence. The chosen model is then fitted on all of val.
/// </summary>
public static class ConfidenceTuner
{
    /// <summary>Knees tried, as quantiles of the val margins.</summary>
    internal static readonly double[] KneeQuantiles = [0.2, 0.35, 0.5, 0.65, 0.8];

    public static ConfidenceTuningResult Tune(
        ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, IReadOnlyList<SessionEvidence>? check, FusionOptions fusion, double target,
        IReadOnlyList<double> visionWeights, IReadOnlyList<double> retrievalWeights, IReadOnlyList<double> weightWeights)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        var own = (fusion.VisionWeight, fusion.RetrievalWeight, fusion.WeightWeight);
        var weightings = new List<(double V, double R, double W)> { own };
        foreach (var w in weightWeights)
        {
            foreach (var v in visionWeights)
            {
                foreach (var r in retrievalWeights)
                {
                    if ((v, r, w) != own)
                    {
                        weightings.Add((v, r, w));
                    }
                }
            }
        }

        var grid = new List<ConfidenceTuningPoint>();
        ConfidenceTuningPoint? posteriorPoint = null;
        (ConfidenceTuningPoint Point, ConfidenceModelOptions Model)? best = null;
        foreach (var (v, r, w) in weightings)
        {
            var weights = MarginWeights(v, r, w);
            var identity = WithModel(fusion, new ConfidenceModelOptions { Weights = weights });
            var observed = Observe(catalog, sessions, identity);
            var observedCheck = check is null ? null : Observe(catalog, check, identity);
            var candidates = new List<Func<IReadOnlyList<Observation>, ConfidenceModelOptions?>>();
            if (posteriorPoint is null)
            {
                // The fusion posterior alone (the margin unused), Platt-scaled.
                candidates.Add(fit =>
                {
                    var (a, b) = Fit2(fit.Select(o => o.PosteriorLogit).ToArray(), fit.Select(o => o.Correct).ToArray());
                    return new ConfidenceModelOptions { Weights = weights, PosteriorSlope = a, Intercept = b };
                });
            }

            var margins = observed.Select(o => o.Margin).Where(double.IsFinite).Order().ToArray();
            foreach (var q in KneeQuantiles)
            {
                var knee = margins.Length == 0 ? 0 : margins[(int)(q * (margins.Length - 1))];
                candidates.Add(fit => Fit3(fit, knee) is { } model ? model with { Weights = weights } : null);
            }

            foreach (var fitter in candidates)
            {
                if (Score(fitter, observed, observedCheck, target, v, r, w) is not { } point)
                {
                    continue;
                }

                grid.Add(point);
                posteriorPoint ??= point;
                if (best is null || point.Score(target) > best.Value.Point.Score(target))
                {
                    best = (point, fitter(observed)!);
                }
            }
        }

        var (chosen, chosenModel) = best!.Value;
        var options = WithModel(fusion, chosenModel);
        var calibrated = Observe(catalog, sessions, options);
        var ece = Calibration.ExpectedCalibrationError(calibrated.Select(o => (chosenModel.Calibrate(o.PosteriorLogit, o.Margin), o.Correct))) ?? 0;
        return new ConfidenceTuningResult(options, chosen, posteriorPoint!, grid, ece);
    }

    private static Dictionary<string, double> MarginWeights(double vision, double retrieval, double weight) => new()
    {
        [EvidenceSources.Vision] = vision,
        [EvidenceSources.Retrieval] = retrieval,
        [EvidenceSources.Weight] = weight,
    };

    private static FusionOptions WithModel(FusionOptions fusion, ConfidenceModelOptions model) => fusion with { Confidence = model };

    // Cross-fitted by photo: each event is scored by a model fitted on the other folds' photos, so a cut reflects how
    // the model does on photos it was not fitted on (val has only ~300 photos; scored in-sample, the search picks
    // whatever happens to rank those photos best). Null when a fold's fit is not monotone.
    private static ConfidenceTuningPoint? Score(
        Func<IReadOnlyList<Observation>, ConfidenceModelOptions?> fitter, IReadOnlyList<Observation> observed, IReadOnlyList<Observation>? check,
        double target, double v, double r, double w)
    {
        var scored = new List<(double, bool)>(observed.Count);
        var checkScored = new List<(double Score, bool Correct)>(check?.Count ?? 0);
        var knee = 0.0;
        for (var fold = 0; fold < Folds; fold++)
        {
            var model = fitter([.. observed.Where(o => o.Fold != fold)]);
            if (model is null)
            {
                return null;
            }

            knee = model.Knee;
            scored.AddRange(observed.Where(o => o.Fold == fold).Select(o => (model.Calibrate(o.PosteriorLogit, o.Margin), o.Correct)));
            checkScored.AddRange((check ?? []).Where(o => o.Fold == fold).Select(o => (model.Calibrate(o.PosteriorLogit, o.Margin), o.Correct)));
        }

        var (cut, decided, accuracy) = Cut(scored, target);
        double? checkDecided = null, checkAccuracy = null;
        if (check is not null)
        {
            var through = checkScored.Where(o => o.Score >= cut).ToArray();
            checkDecided = checkScored.Count == 0 ? 0 : (double)through.Length / checkScored.Count;
            checkAccuracy = through.Length == 0 ? 1 : through.Count(o => o.Correct) / (double)through.Length;
        }

        return new ConfidenceTuningPoint(v, r, w, knee, cut, decided, accuracy, checkDecided, checkAccuracy);
    }

    /// <summary>One event under a confidence model: the pick's fusion log-odds, its margin, and whether the pick is right.</summary>
    internal readonly record struct Observation(double PosteriorLogit, double Margin, bool Correct, int Fold);

    /// <summary>Each event's observation, replaying each session as the resolver would (label text where the gate lets it through).</summary>
    internal static List<Observation> Observe(ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions options)
    {
        var fusion = new EvidenceFusion(catalog, options with { TopCandidates = 5 });
        var labelled = FusionTuner.Labelled(catalog);
        var result = new List<Observation>();
        foreach (var s in sessions)
        {
            var basket = new Basket();
            foreach (var e in s.Events)
            {
                var r = FusionTuner.FuseAsResolver(fusion, e, options, labelled, basket, out _);
                result.Add(new Observation(fusion.LastPosteriorLogit, fusion.LastConfidenceMargin, r.ProductId == e.Truth, FoldOf(e.Event.Image)));
                BasketUpdate.Apply(basket, r);
            }
        }

        return result;
    }

    /// <summary>Folds for cross-fitting: every event of one photo in the same fold (val sessions reuse each photo about 11 times).</summary>
    internal const int Folds = 5;

    // A stable hash of the photo's path, so the folds do not depend on the process.
    internal static int FoldOf(string image) => (int)(Fnv1a.Hash(image) % Folds);

    /// <summary>
    /// The lowest cut at which the events scored at or above it are right at least <paramref name="target"/> of the
    /// time (a cut never splits tied scores), and the share and accuracy of those events; +∞, 0 and 1 when none does.
    /// </summary>
    internal static (double Cut, double Decided, double Accuracy) Cut(IReadOnlyList<(double Score, bool Correct)> scored, double target)
    {
        var sorted = scored.OrderByDescending(m => m.Score).ToArray();
        var best = (Cut: double.PositiveInfinity, Decided: 0.0, Accuracy: 1.0);
        var ok = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            ok += sorted[k].Correct ? 1 : 0;
            var atBoundary = k == sorted.Length - 1 || sorted[k + 1].Score < sorted[k].Score;
            var accuracy = ok / (double)(k + 1);
            if (atBoundary && accuracy >= target)
            {
                best = (sorted[k].Score, (k + 1) / (double)sorted.Length, accuracy);
            }
        }

        return best;
    }

    /// <summary>Platt scaling of one score: slope and intercept of σ(a·x + b); a non-positive slope falls back to (1, 0).</summary>
    internal static (double Slope, double Intercept) Fit2(IReadOnlyList<double> x, IReadOnlyList<bool> correct)
    {
        var w = FitLogistic(x.Select(v => new[] { Clamp(v), 1.0 }).ToArray(), correct);
        return w[0] > 0 ? (w[0], w[1]) : (1, 0);
    }

    // σ(a·logit p + c·max(0, m − knee) + b); null when a slope comes out negative (the model would not be monotone).
    private static ConfidenceModelOptions? Fit3(IReadOnlyList<Observation> observed, double knee)
    {
        var w = FitLogistic(observed.Select(o => new[] { Clamp(o.PosteriorLogit), Math.Max(0, Clamp(o.Margin) - knee), 1.0 }).ToArray(), observed.Select(o => o.Correct).ToArray());
        return w[0] >= 0 && w[1] >= 0 && w.All(double.IsFinite)
            ? new ConfidenceModelOptions { PosteriorSlope = w[0], MarginSlope = w[1], Knee = knee, Intercept = w[2] }
            : null;
    }

    // Scores of ±∞ (a product alone in the catalog, or underflow) enter the fit as a large finite value.
    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, -1e3, 1e3);

    /// <summary>
    /// Logistic regression by Newton's method with a backtracking line search on the log-likelihood, with Platt's
    /// smoothed targets ((N₊ + 1) / (N₊ + 2) and 1 / (N₋ + 2)) so a val set with few errors does not claim certainty.
    /// Scores span hundreds of nats, so an undamped step can overshoot. The last feature is the constant 1.
    /// </summary>
    internal static double[] FitLogistic(IReadOnlyList<double[]> features, IReadOnlyList<bool> correct)
    {
        var k = features.Count == 0 ? 1 : features[0].Length;
        var positives = correct.Count(c => c);
        var negatives = correct.Count - positives;
        var targets = correct.Select(c => c ? (positives + 1.0) / (positives + 2.0) : 1.0 / (negatives + 2.0)).ToArray();
        var w = new double[k];
        w[k - 1] = Math.Log((positives + 1.0) / (negatives + 1.0));
        var current = LogLikelihood(features, targets, w);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var g = new double[k];
            var h = new double[k, k];
            for (var i = 0; i < features.Count; i++)
            {
                var x = features[i];
                var p = Sigmoid(Dot(x, w));
                var weight = p * (1 - p);
                for (var a = 0; a < k; a++)
                {
                    g[a] += (targets[i] - p) * x[a];
                    for (var b = 0; b < k; b++)
                    {
                        h[a, b] += weight * x[a] * x[b];
                    }
                }
            }

            for (var a = 0; a < k; a++)
            {
                h[a, a] += 1e-9;
            }

            var step = Solve(h, g);
            var size = 1.0;
            var improved = false;
            while (size > 1e-10)
            {
                var next = w.Select((v, i) => v + (size * step[i])).ToArray();
                var value = LogLikelihood(features, targets, next);
                if (value >= current)
                {
                    improved = value - current > 1e-10;
                    w = next;
                    current = value;
                    break;
                }

                size /= 2;
            }

            if (!improved)
            {
                break;
            }
        }

        return w;
    }

    // Σ t·log σ(z) + (1 − t)·log(1 − σ(z)) without overflow: log σ(z) = −softplus(−z).
    private static double LogLikelihood(IReadOnlyList<double[]> features, double[] targets, double[] w)
    {
        var sum = 0.0;
        for (var i = 0; i < features.Count; i++)
        {
            var z = Dot(features[i], w);
            sum -= (targets[i] * Softplus(-z)) + ((1 - targets[i]) * Softplus(z));
        }

        return sum;
    }

    private static double Dot(double[] x, double[] w)
    {
        var s = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            s += x[i] * w[i];
        }

        return s;
    }

    // Gaussian elimination with partial pivoting on a small symmetric positive definite system.
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var row = col + 1; row < n; row++)
            {
                var f = m[row, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[row, c] -= f * m[col, c];
                }

                x[row] -= f * x[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            for (var c = row + 1; c < n; c++)
            {
                x[row] -= m[row, c] * x[c];
            }

            x[row] /= m[row, row];
        }

        return x;
    }

    private static double Softplus(double z) => z > 30 ? z : z < -30 ? Math.Exp(z) : Math.Log(1 + Math.Exp(z));

    private static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
}
