namespace BasketReasoner.Eval.Replay;

/// <summary>Nearest-rank percentiles: the smallest value with at least p % of the data at or below it. Always an
/// observed value, never an interpolation, so a reported p99 latency really happened.</summary>
public static class Percentile
{
    /// <param name="sorted">Values in ascending order; must not be empty.</param>
    /// <param name="percent">In (0, 100].</param>
    public static double NearestRank(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "must be in (0, 100]");
        }

        // percent * count first: 7 / 100.0 * 100 is 7.000000000000001, whose ceiling would skip a rank.
        var rank = (int)Math.Ceiling(percent * sorted.Count / 100.0);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
