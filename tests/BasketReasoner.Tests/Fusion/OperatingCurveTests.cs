using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Eval.Tuning;

namespace BasketReasoner.Tests.Fusion;

public sealed class OperatingCurveTests
{
    private const double Never = EscalationTuner.NeverAccept;

    // 100 events: fusion sure and right on 60 (0.999), sure-ish and wrong on 2 (0.97), unsure on 38 (0.6) of which the
    // cloud is sure and right on 30 (0.99) and sure and wrong on 1 (0.98); the cloud is unsure (0.5) and wrong on the rest.
    private static List<(double, bool, double, bool, bool?)> Events()
    {
        var events = new List<(double, bool, double, bool, bool?)>();
        events.AddRange(Enumerable.Repeat((0.999, true, 0.9, true, (bool?)null), 60));
        events.AddRange(Enumerable.Repeat((0.97, false, 0.5, false, (bool?)null), 2));
        events.AddRange(Enumerable.Repeat((0.6, true, 0.99, true, (bool?)null), 30));
        events.AddRange(Enumerable.Repeat((0.6, false, 0.98, false, (bool?)null), 1));
        events.AddRange(Enumerable.Repeat((0.6, true, 0.5, false, (bool?)null), 7));
        return events;
    }

    [Fact]
    public void Cheapest_TargetAllowsNoError_AsksAboutEverythingNoStageIsSureOf()
    {
        var point = OperatingCurve.Compute(Events(), withCloud: true).Cheapest(1.0);

        // Fusion above 0.97 and the cloud above 0.98 are always right: 60 + 30 decided, 10 asked.
        Assert.Equal(1.0, point.FinalAccuracy, 12);
        Assert.Equal(0.10, point.AskRate, 12);
        Assert.Equal(0.60, point.FusionAccepted, 12);
        Assert.Equal(0.30, point.CloudAccepted, 12);
        Assert.True(point.FusionThreshold > 0.97 && point.FusionThreshold <= 0.999);
        Assert.True(point.CloudThreshold > 0.98 && point.CloudThreshold <= 0.99);
    }

    [Fact]
    public void Cheapest_TargetAllowsTwoErrors_SpendsThemWhereTheyBuyTheMostDecisions()
    {
        var point = OperatingCurve.Compute(Events(), withCloud: true).Cheapest(0.98);

        // Two errors allowed: fusion's two 0.97 events buy 2 decisions for 2 errors (8 asked); the cloud's 0.98 event buys
        // 1 for 1 (9 asked); all three cost 3 errors, over the budget.
        Assert.True(point.FinalAccuracy >= 0.98);
        Assert.Equal(0.08, point.AskRate, 12);
    }

    [Fact]
    public void Compute_WithoutCloud_NeverAcceptsInTheCloud()
    {
        var curve = OperatingCurve.Compute(Events(), withCloud: false);

        Assert.All(curve.Points, p => Assert.Equal(Never, p.CloudThreshold));
        Assert.All(curve.Points, p => Assert.Equal(0, p.CloudAccepted));
        Assert.Equal(0.40, curve.Cheapest(1.0).AskRate, 12);
    }

    [Fact]
    public void Frontier_MoreAsksAlwaysBuyMoreAccuracy()
    {
        var frontier = OperatingCurve.Compute(Events(), withCloud: true).Frontier();

        Assert.True(frontier.Count >= 2);
        for (var i = 1; i < frontier.Count; i++)
        {
            Assert.True(frontier[i].AskRate >= frontier[i - 1].AskRate);
            Assert.True(frontier[i].FinalAccuracy > frontier[i - 1].FinalAccuracy);
        }

        Assert.Equal(1.0, frontier[^1].FinalAccuracy, 12);
    }

    [Fact]
    public void Compute_EarlierStageDecided_CountsItsErrorsAndKeepsItFromTheCloud()
    {
        // One event fusion gets wrong and an on-device stage decided wrongly too: no setting of fusion and cloud can undo it.
        var events = new List<(double, bool, double, bool, bool?)> { (0.6, false, 0.99, true, false), (0.999, true, 0.9, true, null) };

        var point = OperatingCurve.Compute(events, withCloud: true).Cheapest(1.0);

        Assert.Equal(0.5, point.FinalAccuracy, 12);
        Assert.Equal(0, point.CloudAccepted);
    }

    [Fact]
    public void Cheapest_FusionFloorAboveItsSureEvents_PassesThemOnInstead()
    {
        var curve = OperatingCurve.Compute(Events(), withCloud: true);

        // With fusion held at or above 0.9995 its 60 sure events go on: the cloud (0.9 on them) takes them only when its
        // threshold lets 0.9 through, which would also let its wrong 0.98 event through.
        var point = curve.Cheapest(0.98, fusionFloor: 0.9995);

        Assert.True(point.FusionThreshold >= 0.9995);
        Assert.Equal(0.0, point.FusionAccepted, 12);
        Assert.True(point.AskRate > curve.Cheapest(0.98).AskRate);
    }

    [Fact]
    public void Cheapest_WithConfidence_NeedsTheLowerBoundToReachTheTarget()
    {
        var curve = OperatingCurve.Compute(Events(), withCloud: true);

        // 98 % of 100 events reaches 98 % as a point estimate, but its 90 % Wilson lower bound (about 95.3 %) does not:
        // only the error-free point's bound (about 98.4 %) does.
        Assert.Equal(0.08, curve.Cheapest(0.98).AskRate, 12);
        Assert.Equal(0.10, curve.Cheapest(0.98, confidence: 0.9).AskRate, 12);
    }

    [Theory]
    [InlineData(0.9, 1.2815515655)]
    [InlineData(0.95, 1.6448536270)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.01, -2.3263478740)]
    public void NormalQuantile_KnownProbabilities_MatchTables(double probability, double expected) =>
        Assert.Equal(expected, OperatingCurve.NormalQuantile(probability), 6);

    [Fact]
    public void WilsonLowerBound_PerfectRecord_StaysBelowOne()
    {
        // 100 of 100 right: the bound at z = 1.2816 is n / (n + z²) = 0.98384.
        Assert.Equal(100 / (100 + (1.2815515655 * 1.2815515655)), OperatingCurve.WilsonLowerBound(1.0, 100, 1.2815515655), 9);
        Assert.Equal(0.7, OperatingCurve.WilsonLowerBound(0.7, 10, 0), 12);
    }

    [Fact]
    public void Cheapest_TargetOutOfRange_Throws()
    {
        var curve = OperatingCurve.Compute(Events(), withCloud: true);

        Assert.Throws<ArgumentOutOfRangeException>(() => curve.Cheapest(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.Cheapest(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.Cheapest(0.99, confidence: 1));
    }

    [Fact]
    public void Render_TunedOnTheCurve_DrawsBothChainsAndTheChosenPoint()
    {
        var withCloud = OperatingCurve.Compute(Events(), withCloud: true);
        var alone = OperatingCurve.Compute(Events(), withCloud: false);
        var chosen = withCloud.Cheapest(0.998);
        var result = new EscalationTuningResult(
            new EscalationOptions(), 100, chosen.FusionAccepted, 1, chosen.CloudAccepted, 1, chosen.AskRate, 1,
            Objective: "final-accuracy", Chosen: chosen, WithoutCloud: alone.Cheapest(0.998), Frontier: withCloud.Frontier(), FrontierWithoutCloud: alone.Frontier());

        var html = OperatingCurveReport.Render(result, "val.jsonl", 0.998);

        Assert.Equal(2, CountOf(html, "<polyline"));
        Assert.Contains("<circle", html);
        Assert.Contains("shopper is asked on 10.0 %", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_HigherAccuracy_DrawsHigher()
    {
        var withCloud = OperatingCurve.Compute(Events(), withCloud: true);
        var alone = OperatingCurve.Compute(Events(), withCloud: false);
        var chosen = withCloud.Cheapest(1.0);
        var result = new EscalationTuningResult(
            new EscalationOptions(), 100, chosen.FusionAccepted, 1, chosen.CloudAccepted, 1, chosen.AskRate, 1,
            Objective: "final-accuracy", Chosen: chosen, Frontier: withCloud.Frontier(), FrontierWithoutCloud: alone.Frontier());

        var html = OperatingCurveReport.Render(result, "val.jsonl", 1.0);

        // SVG y grows downwards: the 99.9 % grid label must sit above (smaller y than) the 90 % one.
        Assert.True(LabelY(html, "99.9 %") < LabelY(html, "90 %"));
    }

    private static double LabelY(string html, string label)
    {
        var end = html.IndexOf($">{label}</text>", StringComparison.Ordinal);
        var y = html.LastIndexOf(" y=\"", end, StringComparison.Ordinal) + 4;
        return double.Parse(html[y..html.IndexOf('"', y)], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Render_PerStageResult_SaysItHasNoCurve()
    {
        var result = new EscalationTuningResult(new EscalationOptions(), 10, 0.5, 1, 0, 1, 0.5, 1);

        var error = Assert.Throws<ArgumentException>(() => OperatingCurveReport.Render(result, "val.jsonl", 0.998));
        Assert.Contains("no curve", error.Message);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
