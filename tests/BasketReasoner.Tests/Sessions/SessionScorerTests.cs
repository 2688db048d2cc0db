using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Tests.Sessions;

public sealed class SessionScorerTests
{
    private static EventOutcome Outcome(
        string session, int seq, CartEventType type, string truth, string chosen, bool ambiguous = false, double? weight = 100, double latency = 1,
        string top = "Packages", bool removeMissed = false) =>
        new(session, new CartEvent(seq, type, $"test/{top}/X/{truth}/{truth}_001.jpg", weight), truth,
            Outcomes.Decide(new CartEvent(seq, type, "x", weight), chosen, ambiguous: ambiguous, latencyMs: latency), removeMissed);

    // s-1: A ok (confident), B→C wrong (ambiguous), C ok (ambiguous, no weight), remove A ok; ends {C:2}, expected {B:1, C:1}.
    // s-2: D ok (confident, Fruit), basket matches.
    private static ReplayResult HandMade() => new(
        [
            new SessionOutcome(
                "s-1",
                [
                    Outcome("s-1", 1, CartEventType.Add, "A", "A", latency: 4),
                    Outcome("s-1", 2, CartEventType.Add, "B", "C", ambiguous: true, latency: 1),
                    Outcome("s-1", 3, CartEventType.Add, "C", "C", ambiguous: true, weight: null, latency: 3),
                    Outcome("s-1", 4, CartEventType.Remove, "A", "A", weight: -100, latency: 2),
                ],
                [new BasketLine("C", 2)],
                [new BasketLine("B", 1), new BasketLine("C", 1)]),
            new SessionOutcome(
                "s-2",
                [Outcome("s-2", 1, CartEventType.Add, "D", "D", top: "Fruit", latency: 10)],
                [new BasketLine("D", 1)],
                [new BasketLine("D", 1)]),
        ],
        [new ReplayError("s-2", 2, "image 'x' could not be read")]);

    [Fact]
    public void Score_HandMadeOutcomes_ComputesEveryRatio()
    {
        var report = SessionScorer.Score(HandMade(), [new SessionReadError(5, "bad json")]);

        Assert.Equal(2, report.Sessions);
        Assert.Equal(5, report.Events);
        Assert.Equal(1, report.FailedEvents);
        Assert.Equal(4.0 / 5, report.ItemAccuracy);
        Assert.Equal(0.5, report.BasketAccuracy);
        Assert.Equal(2.0 / 5, report.AmbiguousRate);
        Assert.Equal(1.0, report.AccuracyWhenConfident);
        Assert.Equal(0.5, report.AccuracyWhenAmbiguous);
        Assert.Equal(1, report.WeightMissingEvents);
        Assert.Equal(1.0, report.WeightMissingAccuracy);
        Assert.Equal(1, report.SkippedLines);
    }

    [Fact]
    public void Score_HandMadeOutcomes_BreaksDownByTypeAndCategory()
    {
        var report = SessionScorer.Score(HandMade());

        Assert.Equal(new AccuracyBucket(4, 3), report.ByEventType["add"]);
        Assert.Equal(new AccuracyBucket(1, 1), report.ByEventType["remove"]);
        Assert.Equal(0.75, report.ByEventType["add"].Accuracy);
        Assert.Equal(new AccuracyBucket(4, 3), report.ByTopCategory["Packages"]);
        Assert.Equal(new AccuracyBucket(1, 1), report.ByTopCategory["Fruit"]);
    }

    [Fact]
    public void Score_HandMadeOutcomes_LatencyIsNearestRankOverResolvedEvents()
    {
        // Latencies 1, 2, 3, 4, 10.
        var latency = SessionScorer.Score(HandMade()).LatencyMs;

        Assert.Equal(new LatencySummary(P50: 3, P95: 10, P99: 10, Mean: 4, Max: 10), latency);
    }

    [Fact]
    public void Score_Errors_CombineFileLinesAndSkippedEvents()
    {
        var report = SessionScorer.Score(HandMade(), [new SessionReadError(5, "bad json")]);

        Assert.Equal([new ReportError(5, null, null, "bad json"), new ReportError(null, "s-2", 2, "image 'x' could not be read")], report.Errors);
    }

    [Fact]
    public void Score_Confusions_OrderedByCountThenIdsAndLimited()
    {
        var events = new[]
        {
            Outcome("s", 1, CartEventType.Add, "B", "C"),
            Outcome("s", 2, CartEventType.Add, "A", "C"),
            Outcome("s", 3, CartEventType.Add, "Z", "Y"),
            Outcome("s", 4, CartEventType.Add, "Z", "Y"),
            Outcome("s", 5, CartEventType.Add, "A", "A"),
        };
        var result = new ReplayResult([new SessionOutcome("s", events, [], [])], []);

        Assert.Equal(
            [new Confusion("Z", "Y", 2), new Confusion("A", "C", 1), new Confusion("B", "C", 1)],
            SessionScorer.Score(result).TopConfusions);
        Assert.Equal([new Confusion("Z", "Y", 2)], SessionScorer.Score(result, topConfusions: 1).TopConfusions);
    }

    [Fact]
    public void Score_RemoveMissed_IsCounted()
    {
        var result = new ReplayResult(
            [new SessionOutcome("s", [Outcome("s", 1, CartEventType.Remove, "A", "B", removeMissed: true)], [], [])], []);

        Assert.Equal(1, SessionScorer.Score(result).RemovesNotInBasket);
    }

    [Fact]
    public void Score_CategoryFromCatalog_WinsOverPath()
    {
        var catalog = TestCatalog.Create();
        var outcome = Outcome("s", 1, CartEventType.Add, "Banana", "Banana", top: "Packages");
        var result = new ReplayResult([new SessionOutcome("s", [outcome], [], [])], []);

        Assert.Equal(["Fruit"], SessionScorer.Score(result, catalog: catalog).ByTopCategory.Keys);
        Assert.Equal(["Packages"], SessionScorer.Score(result).ByTopCategory.Keys);
    }

    [Fact]
    public void Score_NothingReplayed_RatiosAreNullNotZero()
    {
        var report = SessionScorer.Score(new ReplayResult([], []));

        Assert.Equal(0, report.Sessions);
        Assert.Null(report.ItemAccuracy);
        Assert.Null(report.BasketAccuracy);
        Assert.Null(report.AmbiguousRate);
        Assert.Null(report.AccuracyWhenAmbiguous);
        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0), report.LatencyMs);
        Assert.Empty(report.ByTopCategory);
    }

    [Fact]
    public void Score_OutcomesWithoutTruth_CountAsEventsButNotAccuracy()
    {
        var outcome = Outcome("s", 1, CartEventType.Add, "A", "A", ambiguous: true) with { Truth = null };
        var report = SessionScorer.Score(new ReplayResult([new SessionOutcome("s", [outcome], [new BasketLine("A", 1)], [new BasketLine("A", 1)])], []));

        Assert.Equal(1, report.Events);
        Assert.Equal(1.0, report.AmbiguousRate);
        Assert.Null(report.ItemAccuracy);
        Assert.Equal(1.0, report.BasketAccuracy);
    }

    [Fact]
    public void ToJson_UsesSnakeCaseNames()
    {
        using var doc = JsonDocument.Parse(SessionScorer.Score(HandMade(), [new SessionReadError(5, "bad json")]).ToJson());
        var root = doc.RootElement;

        foreach (var name in new[]
                 {
                     "sessions", "events", "item_accuracy", "basket_accuracy", "ambiguous_rate", "accuracy_when_confident",
                     "accuracy_when_ambiguous", "latency_ms", "by_top_category", "by_event_type", "weight_missing_events",
                     "weight_missing_accuracy", "top_confusions", "errors", "skipped_lines",
                 })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        Assert.Equal(10, root.GetProperty("latency_ms").GetProperty("p95").GetDouble());
        Assert.Equal(0.75, root.GetProperty("by_event_type").GetProperty("add").GetProperty("accuracy").GetDouble());
        Assert.Equal("B", root.GetProperty("top_confusions")[0].GetProperty("truth").GetString());
        Assert.Equal(5, root.GetProperty("errors")[0].GetProperty("line").GetInt32());
    }
}
