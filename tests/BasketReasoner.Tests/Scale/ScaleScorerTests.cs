using BasketReasoner.Core.Scale;
using BasketReasoner.Eval.Scale;

namespace BasketReasoner.Tests.Scale;

public sealed class ScaleScorerTests
{
    private static ScaleTruthEvent Truth(double t, double delta, bool packaged = true, int? pair = null, bool neverSettles = false) =>
        new(t, delta, packaged, "x", pair, neverSettles);

    private static WeightEvent Detected(double onset, double? delta, double decidedAfter = 0.4) =>
        new(onset, onset + decidedAfter, delta, delta ?? 0, 1, delta is not null, 0);

    [Fact]
    public void Report_MatchesMissesAndPhantoms_CountsThem()
    {
        var scorer = new ScaleScorer();
        ScaleTruthEvent[] truth = [Truth(10, 500), Truth(20, -300, packaged: false), Truth(30, 200)];
        WeightEvent[] detected = [Detected(10.05, 503), Detected(20.02, -290), Detected(50, 120)];

        scorer.Add(truth, detected, durationSeconds: 3600, motionSeconds: 1800);
        var r = scorer.Report();

        Assert.Equal(2.0 / 3, r.Precision, 9);
        Assert.Equal(2.0 / 3, r.Recall, 9);
        Assert.Equal(1, r.Missed);
        Assert.Equal(1, r.Phantoms);
        Assert.Equal(2.0, r.PhantomsPerMotionHour, 9);
        Assert.Equal(2, r.DeltaErrorGrams.Count);
        Assert.Equal(3, r.DeltaErrorGrams.P50, 9); // nearest rank of {3, 10}
        Assert.Equal(10, r.DeltaErrorGrams.P95, 9);
        Assert.Equal(1, r.PackagedDeltaErrorGrams.Count);
        Assert.Equal(0.45, r.SettleSeconds.P95, 9);
    }

    [Fact]
    public void Report_WrongSignOrTooLate_IsNotAMatch()
    {
        var scorer = new ScaleScorer();

        scorer.Add([Truth(10, 500), Truth(20, 500)], [Detected(10.1, -500), Detected(21.5, 500)], 600, 0);
        var r = scorer.Report();

        Assert.Equal(0, r.Recall);
        Assert.Equal(2, r.Phantoms);
    }

    [Fact]
    public void Report_QuickPairOneEventWithSum_CountsMergedAndRecallsBoth()
    {
        var scorer = new ScaleScorer();

        scorer.Add([Truth(10, 500, pair: 1), Truth(10.3, 1000, pair: 1)], [Detected(10.02, 1502)], 600, 300);
        var r = scorer.Report();

        Assert.Equal(1, r.Recall);
        Assert.Equal(1, r.Precision);
        Assert.Equal(1, r.QuickPairsMerged);
        Assert.Equal(0, r.QuickPairsSplit);
        Assert.Equal(2, r.DeltaErrorGrams.P50, 9);
    }

    [Fact]
    public void Report_QuickPairTwoEvents_CountsSplit()
    {
        var scorer = new ScaleScorer();

        scorer.Add([Truth(10, 500, pair: 1), Truth(10.6, 1000, pair: 1)], [Detected(10.02, 501), Detected(10.63, 999)], 600, 300);
        var r = scorer.Report();

        Assert.Equal(1, r.Recall);
        Assert.Equal(1, r.QuickPairsSplit);
        Assert.Equal(0, r.QuickPairsMerged);
    }

    [Fact]
    public void Report_QuickPairOneEventWithOneItem_IsNotMerged()
    {
        var scorer = new ScaleScorer();

        scorer.Add([Truth(10, 500, pair: 1), Truth(10.3, 1000, pair: 1)], [Detected(10.02, 501)], 600, 300);
        var r = scorer.Report();

        Assert.Equal(0, r.QuickPairsMerged);
        Assert.Equal(0.5, r.Recall, 9);
    }

    [Fact]
    public void Report_NeverSettlingFlaggedUnsettled_RecallsWithoutDeltaError()
    {
        var scorer = new ScaleScorer();

        scorer.Add([Truth(10, 500, neverSettles: true)], [Detected(10.1, null, decidedAfter: 3)], 600, 0);
        var r = scorer.Report();

        Assert.Equal(1, r.Recall);
        Assert.Equal(1, r.NeverSettleFlagged);
        Assert.Equal(0, r.DeltaErrorGrams.Count);
    }
}
