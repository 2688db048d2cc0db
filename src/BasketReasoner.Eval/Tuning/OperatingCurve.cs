namespace BasketReasoner.Eval.Tuning;

/// <summary>
/// One way to set the chain's thresholds and what it gives on the events it was computed on.
/// </summary>
/// <param name="FusionThreshold">Fusion's accept threshold.</param>
/// <param name="CloudThreshold">The cloud stage's accept threshold (<see cref="EscalationTuner.NeverAccept"/>: no cloud).</param>
/// <param name="FusionAccepted">Share of all events fusion decides.</param>
/// <param name="CloudAccepted">Share of all events the cloud decides.</param>
/// <param name="AskRate">Share of all events left to the shopper.</param>
/// <param name="FinalAccuracy">
/// Item accuracy after the chain, counting the shopper's answers as right: the simulated shopper taps the truth, or
/// finds it through the picker when it is not among the tiles.
/// </param>
public sealed record OperatingPoint(
    double FusionThreshold, double CloudThreshold, double FusionAccepted, double CloudAccepted, double AskRate, double FinalAccuracy);

/// <summary>
/// The trade between asking the shopper and getting the basket right: for every pair of fusion and cloud thresholds
/// on a grid, the ask rate and the final item accuracy. <see cref="Frontier"/> keeps the pairs no other pair beats
/// on both; <see cref="Cheapest"/> picks the fewest asks that still reach a target final accuracy.
/// </summary>
public sealed class OperatingCurve
{
    /// <summary>Thresholds tried for each stage: <c>FusionTuner</c>'s grid, and never accepting.</summary>
    internal static readonly double[] Grid =
    [
        .. Enumerable.Range(0, 99).Select(i => Math.Round(0.5 + (i * 0.005), 5)),
        0.995, 0.998, 0.999, 0.9995, 0.9999, 0.99995, 0.99999, EscalationTuner.NeverAccept,
    ];

    private readonly List<OperatingPoint> points;

    private OperatingCurve(List<OperatingPoint> points) => this.points = points;

    /// <summary>Every grid point, in grid order.</summary>
    public IReadOnlyList<OperatingPoint> Points => points;

    /// <summary>
    /// Computes the curve over <paramref name="events"/>: per event, fusion's confidence and whether its top choice
    /// is right, the cloud's confidence and whether its choice is right, and whether an earlier stage (on-device)
    /// already decided it (then fusion passed it on, the cloud never sees it, and <paramref name="decidedBefore"/>
    /// says whether that decision was right).
    /// </summary>
    /// <param name="withCloud">When false, only the cloud threshold <see cref="EscalationTuner.NeverAccept"/> is tried: a chain without a cloud stage.</param>
    public static OperatingCurve Compute(
        IReadOnlyList<(double FusionConfidence, bool FusionCorrect, double CloudConfidence, bool CloudCorrect, bool? DecidedBefore)> events,
        bool withCloud)
    {
        ArgumentNullException.ThrowIfNull(events);
        var n = events.Count;
        var result = new List<OperatingPoint>(Grid.Length * Grid.Length);
        var cloudGrid = withCloud ? Grid : [EscalationTuner.NeverAccept];
        foreach (var tf in Grid)
        {
            foreach (var tc in cloudGrid)
            {
                int fusion = 0, cloud = 0, asks = 0, wrong = 0;
                foreach (var e in events)
                {
                    if (e.FusionConfidence >= tf)
                    {
                        fusion++;
                        wrong += e.FusionCorrect ? 0 : 1;
                    }
                    else if (e.DecidedBefore is { } right)
                    {
                        wrong += right ? 0 : 1;
                    }
                    else if (e.CloudConfidence >= tc)
                    {
                        cloud++;
                        wrong += e.CloudCorrect ? 0 : 1;
                    }
                    else
                    {
                        asks++;
                    }
                }

                result.Add(n == 0
                    ? new OperatingPoint(tf, tc, 0, 0, 0, 1)
                    : new OperatingPoint(tf, tc, (double)fusion / n, (double)cloud / n, (double)asks / n, 1 - ((double)wrong / n)));
            }
        }

        return new OperatingCurve(result);
    }

    /// <summary>
    /// The points no other point beats: ordered by ask rate, each strictly more accurate than every point that asks
    /// less. Among equal points the higher thresholds win (the more cautious setting for the same figures).
    /// </summary>
    public IReadOnlyList<OperatingPoint> Frontier()
    {
        var frontier = new List<OperatingPoint>();
        foreach (var p in points.OrderBy(p => p.AskRate).ThenByDescending(p => p.FinalAccuracy)
                     .ThenByDescending(p => p.FusionThreshold).ThenByDescending(p => p.CloudThreshold))
        {
            if (frontier.Count == 0 || p.FinalAccuracy > frontier[^1].FinalAccuracy + 1e-12)
            {
                frontier.Add(p);
            }
        }

        return frontier;
    }

    /// <summary>
    /// The point with the fewest shopper asks whose final accuracy reaches <paramref name="target"/>; among equal ask
    /// rates the most accurate, then the highest thresholds. When no point reaches it (an earlier stage's own errors
    /// already cost more), the most accurate point.
    /// </summary>
    public OperatingPoint Cheapest(double target)
    {
        if (!(target is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A final accuracy is between 0 and 1.");
        }

        var reaching = points.Where(p => p.FinalAccuracy >= target - 1e-12).ToList();
        return reaching.Count > 0
            ? reaching.OrderBy(p => p.AskRate).ThenByDescending(p => p.FinalAccuracy)
                .ThenByDescending(p => p.FusionThreshold).ThenByDescending(p => p.CloudThreshold).First()
            : points.OrderByDescending(p => p.FinalAccuracy).ThenBy(p => p.AskRate).First();
    }
}
