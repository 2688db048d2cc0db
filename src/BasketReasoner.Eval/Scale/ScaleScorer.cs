using BasketReasoner.Core.Scale;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Scale;

/// <summary>
/// Scores detected weight events against ground truth, stream by stream, then summarises.
/// <para>Matching: a detection matches a true change when its onset lies within
/// [t − <see cref="ToleranceBeforeSeconds"/>, t + <see cref="ToleranceAfterSeconds"/>] of it and, when it has a
/// delta, the delta has the same sign; each truth and each detection is used once, nearest onset first. The two
/// items of a quick double add that drew exactly one detection in their joint window, whose delta is closer to
/// their sum than to either item (or is <c>null</c>), count as one correct <b>merged</b> detection recalling both.
/// Unmatched detections are <b>phantoms</b>.</para>
/// </summary>
public sealed class ScaleScorer
{
    public const double ToleranceBeforeSeconds = 0.3;
    public const double ToleranceAfterSeconds = 1.0;

    private readonly List<double> _deltaErrors = [];
    private readonly List<double> _packagedDeltaErrors = [];
    private readonly List<double> _settleSeconds = [];
    private readonly List<string> _misses = [];
    private readonly List<string> _phantoms = [];
    private int _streams;
    private double _seconds;
    private double _motionSeconds;
    private int _truth;
    private int _recalled;
    private int _detections;
    private int _matchedDetections;
    private int _merged;
    private int _pairs;
    private int _pairsSplit;
    private int _neverSettle;
    private int _neverSettleFlagged;
    private int _unsettledDetections;
    private int _jostles;
    private int _leans;

    /// <summary>Scores one stream's detections.</summary>
    public void Add(IReadOnlyList<ScaleTruthEvent> truth, IReadOnlyList<WeightEvent> detected, double durationSeconds, double motionSeconds, int jostles = 0, int leans = 0, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detected);
        _streams++;
        _seconds += durationSeconds;
        _motionSeconds += motionSeconds;
        _jostles += jostles;
        _leans += leans;
        _truth += truth.Count;
        _detections += detected.Count;
        _unsettledDetections += detected.Count(d => !d.Settled);
        var usedDetection = new bool[detected.Count];
        var matchedTruth = new bool[truth.Count];
        var mergedPairs = new HashSet<int>();

        // Quick double adds first: one detection for both, with the summed delta, is a correct merged detection.
        foreach (var group in truth.Select((e, i) => (e, i)).Where(x => x.e.PairId is not null).GroupBy(x => x.e.PairId))
        {
            var pair = group.ToArray();
            if (pair.Length != 2)
            {
                continue;
            }

            _pairs++;
            var (a, b) = (pair[0].e, pair[1].e);
            var inWindow = Enumerable.Range(0, detected.Count)
                .Where(k => !usedDetection[k] && detected[k].OnsetSeconds >= a.TimeSeconds - ToleranceBeforeSeconds && detected[k].OnsetSeconds <= b.TimeSeconds + ToleranceAfterSeconds)
                .ToArray();
            if (inWindow.Length != 1)
            {
                continue;
            }

            var d = detected[inWindow[0]];
            var sum = a.DeltaGrams + b.DeltaGrams;
            if (d.DeltaGrams is { } delta
                && Math.Abs(delta - sum) >= Math.Min(Math.Abs(delta - a.DeltaGrams), Math.Abs(delta - b.DeltaGrams)))
            {
                continue;
            }

            usedDetection[inWindow[0]] = true;
            matchedTruth[pair[0].i] = matchedTruth[pair[1].i] = true;
            _merged++;
            mergedPairs.Add(group.Key!.Value);
            Record(d, sum, a.Packaged && b.Packaged, a.TimeSeconds, a.NeverSettles || b.NeverSettles);
            _recalled += 2;
            _matchedDetections++;
        }

        for (var i = 0; i < truth.Count; i++)
        {
            if (matchedTruth[i])
            {
                continue;
            }

            var t = truth[i];
            var best = -1;
            var bestGap = double.PositiveInfinity;
            for (var k = 0; k < detected.Count; k++)
            {
                var d = detected[k];
                var gap = d.OnsetSeconds - t.TimeSeconds;
                if (usedDetection[k] || gap < -ToleranceBeforeSeconds || gap > ToleranceAfterSeconds
                    || (d.DeltaGrams is { } delta && Math.Sign(delta) != Math.Sign(t.DeltaGrams)))
                {
                    continue;
                }

                if (Math.Abs(gap) < bestGap)
                {
                    bestGap = Math.Abs(gap);
                    best = k;
                }
            }

            if (best < 0)
            {
                if (_misses.Count < 50)
                {
                    _misses.Add(FormattableString.Invariant($"seed {seed} t={t.TimeSeconds:F2}s {t.DeltaGrams:F0} g {t.ProductId}{(t.PairId is null ? "" : " (pair)")}{(t.NeverSettles ? " (never settles)" : "")}"));
                }

                continue;
            }

            usedDetection[best] = true;
            matchedTruth[i] = true;
            _recalled++;
            _matchedDetections++;
            Record(detected[best], t.DeltaGrams, t.Packaged, t.TimeSeconds, t.NeverSettles);
        }

        for (var k = 0; k < detected.Count && _phantoms.Count < 50; k++)
        {
            if (!usedDetection[k])
            {
                var d = detected[k];
                _phantoms.Add(FormattableString.Invariant(
                    $"seed {seed} onset {d.OnsetSeconds:F2}s decided {d.TimeSeconds:F2}s delta {(d.DeltaGrams is { } g ? g.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "null")} (est {d.EstimatedDeltaGrams:F1}) ±{d.UncertaintyGrams:F1}"));
            }
        }

        foreach (var group in truth.Select((e, i) => (e, i)).Where(x => x.e.PairId is not null).GroupBy(x => x.e.PairId))
        {
            if (group.Count() == 2 && group.All(x => matchedTruth[x.i]) && !mergedPairs.Contains(group.Key!.Value))
            {
                _pairsSplit++;
            }
        }
    }

    private void Record(WeightEvent d, double trueDelta, bool packaged, double trueTime, bool neverSettles)
    {
        if (neverSettles)
        {
            _neverSettle++;
            if (!d.Settled)
            {
                _neverSettleFlagged++;
            }
        }

        if (d.DeltaGrams is { } delta)
        {
            var error = Math.Abs(delta - trueDelta);
            _deltaErrors.Add(error);
            if (packaged)
            {
                _packagedDeltaErrors.Add(error);
            }

            _settleSeconds.Add(d.TimeSeconds - trueTime);
        }
    }

    public ScaleReport Report()
    {
        static Pct Summary(List<double> values)
        {
            if (values.Count == 0)
            {
                return new Pct(0, double.NaN, double.NaN, double.NaN);
            }

            var sorted = values.Order().ToArray();
            return new Pct(sorted.Length, Percentile.NearestRank(sorted, 50), Percentile.NearestRank(sorted, 95), sorted[^1]);
        }

        var phantoms = _detections - _matchedDetections;
        return new ScaleReport(
            Streams: _streams,
            Hours: _seconds / 3600,
            MotionHours: _motionSeconds / 3600,
            TruthEvents: _truth,
            Detections: _detections,
            Precision: _detections == 0 ? 1 : (double)_matchedDetections / _detections,
            Recall: _truth == 0 ? 1 : (double)_recalled / _truth,
            Missed: _truth - _recalled,
            Phantoms: phantoms,
            PhantomsPerMotionHour: _motionSeconds > 0 ? phantoms / (_motionSeconds / 3600) : double.NaN,
            Jostles: _jostles,
            Leans: _leans,
            QuickPairs: _pairs,
            QuickPairsSplit: _pairsSplit,
            QuickPairsMerged: _merged,
            NeverSettleTruth: _neverSettle,
            NeverSettleFlagged: _neverSettleFlagged,
            UnsettledDetections: _unsettledDetections,
            DeltaErrorGrams: Summary(_deltaErrors),
            PackagedDeltaErrorGrams: Summary(_packagedDeltaErrors),
            SettleSeconds: Summary(_settleSeconds),
            MissedExamples: _misses.ToArray(),
            PhantomExamples: _phantoms.ToArray());
    }
}

/// <summary>Count, median, 95th percentile (nearest rank) and maximum of a set of values.</summary>
public sealed record Pct(int Count, double P50, double P95, double Max);

/// <summary>The detector's scores over simulated streams. Settle time runs from the true change to the event.</summary>
public sealed record ScaleReport(
    int Streams,
    double Hours,
    double MotionHours,
    int TruthEvents,
    int Detections,
    double Precision,
    double Recall,
    int Missed,
    int Phantoms,
    double PhantomsPerMotionHour,
    int Jostles,
    int Leans,
    int QuickPairs,
    int QuickPairsSplit,
    int QuickPairsMerged,
    int NeverSettleTruth,
    int NeverSettleFlagged,
    int UnsettledDetections,
    Pct DeltaErrorGrams,
    Pct PackagedDeltaErrorGrams,
    Pct SettleSeconds,
    IReadOnlyList<string> MissedExamples,
    IReadOnlyList<string> PhantomExamples);
