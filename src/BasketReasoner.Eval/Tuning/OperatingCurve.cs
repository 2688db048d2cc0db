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
    /// <summary>Thresholds tried for each stage: <see cref="FusionTuner.ThresholdGrid"/> (rounded as configs store it), and never accepting.</summary>
    internal static readonly double[] Grid = [.. FusionTuner.ThresholdGrid.Select(t => Math.Round(t, 5)), EscalationTuner.NeverAccept];

    private readonly List<OperatingPoint> points;
    private readonly int events;

    private OperatingCurve(List<OperatingPoint> points, int events)
    {
        this.points = points;
        this.events = events;
    }

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

        return new OperatingCurve(result, n);
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
    /// The point with the fewest shopper asks whose final accuracy reaches <paramref name="target"/> with
    /// <paramref name="confidence"/>: the one-sided Wilson lower bound of its accuracy over the curve's events must
    /// reach the target, so a setting that merely got lucky on a few thousand tuning events is not taken (0: the point
    /// estimate). Among equal ask rates the most accurate, then the highest thresholds. When no point qualifies (an
    /// earlier stage's own errors already cost more), the most accurate point.
    /// </summary>
    /// <param name="fusionFloor">
    /// The lowest fusion threshold allowed (default 0: any): a fusion whose confidence model was chosen by cross-fitting
    /// on val brings the cut that held on photos it was not fitted on, and its in-sample val confidences flatter it below.
    /// </param>
    public OperatingPoint Cheapest(double target, double confidence = 0, double fusionFloor = 0)
    {
        if (!(target is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A final accuracy is between 0 and 1.");
        }

        if (!(confidence is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence is at least 0 and below 1.");
        }

        var z = confidence == 0 ? 0 : NormalQuantile(confidence);
        var allowed = points.Where(p => p.FusionThreshold >= fusionFloor - 1e-12).ToList();
        return CheapestReaching(allowed, target, p => WilsonLowerBound(p.FinalAccuracy, events, z))
            ?? allowed.OrderByDescending(p => p.FinalAccuracy).ThenBy(p => p.AskRate).First();
    }

    /// <summary>
    /// The fewest asks among <paramref name="points"/> whose <paramref name="accuracy"/> (default: the measured final
    /// accuracy) reaches <paramref name="target"/>; among equal ask rates the most accurate, then the highest
    /// thresholds. <c>null</c> when none reaches it.
    /// </summary>
    public static OperatingPoint? CheapestReaching(IEnumerable<OperatingPoint> points, double target, Func<OperatingPoint, double>? accuracy = null)
    {
        accuracy ??= p => p.FinalAccuracy;
        return points.Where(p => accuracy(p) >= target - 1e-12)
            .OrderBy(p => p.AskRate).ThenByDescending(p => p.FinalAccuracy)
            .ThenByDescending(p => p.FusionThreshold).ThenByDescending(p => p.CloudThreshold)
            .FirstOrDefault();
    }

    /// <summary>The lower end of the one-sided Wilson score interval for a proportion <paramref name="p"/> of <paramref name="n"/>.</summary>
    internal static double WilsonLowerBound(double p, int n, double z)
    {
        if (n == 0 || z == 0)
        {
            return p;
        }

        var z2 = z * z;
        var centre = p + (z2 / (2.0 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (centre - spread) / (1 + (z2 / n));
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double NormalQuantile(double probability)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (probability < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(probability));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (probability > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - probability));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = probability - 0.5;
        var r2 = r * r;
        return (((((a[0] * r2 + a[1]) * r2 + a[2]) * r2 + a[3]) * r2 + a[4]) * r2 + a[5]) * r / (((((b[0] * r2 + b[1]) * r2 + b[2]) * r2 + b[3]) * r2 + b[4]) * r2 + 1);
    }
}
