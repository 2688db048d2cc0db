using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Eval.Chain;

/// <summary>The chain's figures for a <see cref="SessionReport"/> (<see cref="SessionScorer"/> adds them): what the basket ended as, and each stage's share.</summary>
public static class ChainScorer
{
    /// <summary>Stage names in chain order; a stage that never ran is still listed, with zeros.</summary>
    public static readonly IReadOnlyList<string> StageOrder = [EscalationPolicy.FusionStage, EscalationPolicy.OnDeviceStage, EscalationPolicy.CloudStage, EscalationPolicy.ShopperStage];

    /// <summary>Fills the chain fields of <paramref name="report"/>; unchanged when the replay ran no chain.</summary>
    internal static SessionReport AddTo(SessionReport report, ReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(result);
        var events = result.Sessions.SelectMany(s => s.Events).Where(e => e.Chain is not null).ToArray();
        if (events.Length == 0)
        {
            return report;
        }

        var withTruth = events.Where(e => e.FinalCorrect is not null).ToArray();
        var stages = new SortedDictionary<string, StageSummary>(StringComparer.Ordinal);
        var names = StageOrder.Concat(events.SelectMany(e => e.Chain!.Stages).Select(s => s.Stage)).Distinct().ToArray();
        foreach (var name in names)
        {
            var ran = events
                .Select(e => (Event: e, Record: e.Chain!.Stages.FirstOrDefault(s => s.Stage == name)))
                .Where(x => x.Record is not null && x.Record.Outcome != StageOutcome.Skipped)
                .ToArray();
            var decided = events.Where(e => e.Chain!.DecidedBy == name).ToArray();
            var decidedWithTruth = decided.Where(e => e.FinalCorrect is not null).ToArray();
            var chose = ran.Where(x => x.Event.Truth is not null && x.Record!.ProductId is not null && x.Record.Probability is not null
                    && x.Record.Outcome is StageOutcome.Accepted or StageOutcome.Unsure)
                .Select(x => (Correct: x.Record!.ProductId == x.Event.Truth, FusionCorrect: x.Event.Correct == true, Probability: x.Record.Probability!.Value))
                .ToArray();
            stages[name] = new StageSummary(
                ran.Length,
                decided.Length,
                (double)decided.Length / events.Length,
                decidedWithTruth.Length == 0 ? null : (double)decidedWithTruth.Count(e => e.FinalCorrect == true) / decidedWithTruth.Length,
                ran.Count(x => x.Record!.Outcome == StageOutcome.Failed),
                LatencySummary.From(ran.Select(x => x.Record!.LatencyMs)),
                chose.Length,
                chose.Length == 0 ? null : (double)chose.Count(c => c.Correct) / chose.Length,
                chose.Length == 0 ? null : (double)chose.Count(c => c.FusionCorrect) / chose.Length,
                Calibration.ExpectedCalibrationError(chose.Select(c => (c.Probability, c.Correct))));
        }

        var sessions = result.Sessions.Where(s => s.ChainBasketMatches is not null).ToArray();
        return report with
        {
            FinalItemAccuracy = withTruth.Length == 0 ? null : (double)withTruth.Count(e => e.FinalCorrect == true) / withTruth.Length,
            FinalBasketAccuracy = sessions.Length == 0 ? null : (double)sessions.Count(s => s.ChainBasketMatches == true) / sessions.Length,
            ShopperAskRate = (double)events.Count(e => e.Chain!.AskedShopper) / events.Length,
            ShopperPickerRate = (double)events.Count(e => e.Chain!.ShopperAnswer == ShopperAnswer.Picker) / events.Length,
            DecidedWithoutShopperRate = (double)events.Count(e => !e.Chain!.AskedShopper) / events.Length,
            AccuracyDecidedWithoutShopper = AccuracyOf(withTruth.Where(e => !e.Chain!.AskedShopper)),
            ChainLatencyMs = LatencySummary.From(events.Select(e => e.Chain!.LatencyMs)),
            Stages = stages,
        };
    }

    private static double? AccuracyOf(IEnumerable<EventOutcome> events)
    {
        var list = events.ToArray();
        return list.Length == 0 ? null : (double)list.Count(e => e.FinalCorrect == true) / list.Length;
    }
}
