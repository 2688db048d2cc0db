namespace BasketReasoner.Eval.Replay;

/// <summary>Resolver latency in milliseconds over the resolved events; all zero when there were none.</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Mean, double Max)
{
    public static LatencySummary From(IEnumerable<double> latenciesMs)
    {
        var sorted = latenciesMs.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(
                Percentile.NearestRank(sorted, 50),
                Percentile.NearestRank(sorted, 95),
                Percentile.NearestRank(sorted, 99),
                sorted.Average(),
                sorted[^1]);
    }
}
