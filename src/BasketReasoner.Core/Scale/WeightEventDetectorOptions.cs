namespace BasketReasoner.Core.Scale;

/// <summary>
/// Tuning of <see cref="WeightEventDetector"/>. Times are in seconds of stream time, weights in grams. The defaults
/// were tuned on simulated streams of the tuning seeds named in <c>eval/SCALE.md</c> and are reported there on
/// other seeds.
/// </summary>
public sealed record WeightEventDetectorOptions
{
    /// <summary>Nominal sample rate of the stream, used only to size the windows (default 100 Hz). Timestamps come
    /// from the stream; a different real rate scales the windows' durations but nothing else.</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>Length of the settle window (default 0.15 s): the signal must be quiet over this span to settle.</summary>
    public double SettleWindowSeconds { get; init; } = 0.15;

    /// <summary>Length of the short mean compared with the baseline to detect that the signal left it (default
    /// 0.03 s): short enough to catch a step at once, long enough to average a few samples of noise.</summary>
    public double DetectWindowSeconds { get; init; } = 0.03;

    /// <summary>Smallest departure from the baseline that starts a candidate event (default 5 g). The effective
    /// threshold is the larger of this and <see cref="DepartureSigmas"/> times the tracked noise.</summary>
    public double DepartureMinGrams { get; init; } = 5;

    /// <summary>Departure threshold in units of the tracked baseline noise (default 5).</summary>
    public double DepartureSigmas { get; init; } = 5;

    /// <summary>The default of <see cref="MinStepGrams"/>: 10 g.</summary>
    public const double DefaultMinStepGrams = 10;

    /// <summary>Smallest settled change reported as an event (default 10 g); smaller settled changes (a jostle that
    /// came back, creep) are folded into the baseline.</summary>
    public double MinStepGrams { get; init; } = DefaultMinStepGrams;

    /// <summary>While the tracked noise is large, a settled change must also be at least this many noise standard
    /// deviations to be an event (default 4; 0 = off): a rocking basket or a jostled noise estimate shows quiet
    /// windows a few σ off the level. A still cart's noise (≈ 0.8 g) leaves <see cref="MinStepGrams"/> in charge.</summary>
    public double MinStepNoiseSigmas { get; init; } = 4;

    /// <summary>At <see cref="MaxSettleSeconds"/>, if the signal is back within the minimum step of the baseline, wait
    /// instead of deciding (default true): a lean let go just before, or two leans in a row, has not left a new
    /// level; the change then ends near the baseline without an event or is judged when the signal leaves it again.</summary>
    public bool DeferGiveUpNearBaseline { get; init; } = true;

    /// <summary>A level first seen quiet later than this after the onset (default 0.6 s, the settle-time goal) must be
    /// seen quiet again at the same level <see cref="LateConfirmSeconds"/> later before it is an event: a real item
    /// rests within a fraction of a second of landing, a rocking item or a hand only passes through still moments.
    /// Settles faster than this are not delayed.</summary>
    public double LateSettleSeconds { get; init; } = 0.6;

    /// <summary>Confirmation wait for a late settle (default 0.5 s).</summary>
    public double LateConfirmSeconds { get; init; } = 0.5;

    /// <summary>While moving, a window back within the minimum step of the baseline whose spread is at most this many
    /// quiet thresholds ends the change without an event (default 2; 0 = off): a lean let go, the gap between two
    /// leans. The next departure is a change of its own with its own onset and give-up time, and the baseline keeps its
    /// long average instead of one window's mean.</summary>
    public double BaselineTouchFactor { get; init; } = 2;

    /// <summary>The settle window is quiet when its standard deviation is at most the largest of this floor
    /// (default 1.3 g), <see cref="SettleNoiseFactor"/> × tracked noise and <see cref="SettleRelativeStd"/> × |change|.</summary>
    public double SettleStdFloorGrams { get; init; } = 1.3;

    /// <summary>Quiet threshold in units of the tracked baseline noise (default 1.5), so a cart rolling on a rough floor
    /// can still settle.</summary>
    public double SettleNoiseFactor { get; init; } = 1.5;

    /// <summary>Quiet threshold relative to the size of the change (default 0.002 = 0.2 %): a heavy item's last
    /// millimetre of ring is a few grams.</summary>
    public double SettleRelativeStd { get; init; } = 0.002;

    /// <summary>The halves of the settle window must have means within this many quiet thresholds (default 1): no
    /// slow slope, so a smooth bulge (a lean) does not settle on its crest.</summary>
    public double SettleSlopeFactor { get; init; } = 1;

    /// <summary>Tracked noise above which the cart counts as in motion (default 1.5 g; a still cart shows only the
    /// sensor's own noise).</summary>
    public double MotionNoiseGrams { get; init; } = 1.5;

    /// <summary>While the cart is in motion a new level must be seen quiet twice this far apart (default 1.5 s; bumps in
    /// between are allowed): vibration
    /// hides the hand tremor that gives a lean on the handle away, and shoppers seldom put items in while pushing, so
    /// waiting costs little.</summary>
    public double MotionConfirmSeconds { get; init; } = 1.5;

    /// <summary>Give up waiting for the signal to settle after this long (default 3 s); if the level clearly changed,
    /// an unsettled event with a <c>null</c> delta is emitted.</summary>
    public double MaxSettleSeconds { get; init; } = 3;

    /// <summary>An unsettled event needs the level (mean since the onset) to have moved by at least this many standard
    /// deviations of the current window as well as <see cref="MinStepGrams"/> (default 1), so heavy jostling on
    /// the move does not report changes that are not there.</summary>
    public double UnsettledSigmas { get; init; } = 1;

    /// <summary>After an unsettled event the signal must stay quiet this long before its level becomes the new
    /// baseline (default 0.5 s): a slow rock of the basket looks quiet over one settle window near its turning points.</summary>
    public double RecoverQuietSeconds { get; init; } = 0.5;

    /// <summary>Time constant of the baseline's drift tracking while nothing happens (default 2 s).</summary>
    public double DriftTimeConstantSeconds { get; init; } = 2;

    /// <summary>Time constant of the baseline noise estimate while nothing happens (default 0.3 s), so the estimate
    /// follows the cart from rolling to still within a second or two.</summary>
    public double NoiseTimeConstantSeconds { get; init; } = 0.3;

    /// <summary>Lower bound on the tracked noise (default 0.3 g), so a perfectly clean signal still has a threshold.</summary>
    public double NoiseFloorGrams { get; init; } = 0.3;

    /// <summary>Upper bound on the tracked noise (default 8 g): rolling vibration stays below it, an item rocking in
    /// the basket does not, so that never counts as "quiet".</summary>
    public double MaxNoiseGrams { get; init; } = 8;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        static void Positive(double v, string name)
        {
            if (!(v > 0) || double.IsInfinity(v))
            {
                throw new ArgumentOutOfRangeException(name, v, "must be positive and finite");
            }
        }

        Positive(SampleRateHz, nameof(SampleRateHz));
        Positive(SettleWindowSeconds, nameof(SettleWindowSeconds));
        Positive(DetectWindowSeconds, nameof(DetectWindowSeconds));
        Positive(DepartureMinGrams, nameof(DepartureMinGrams));
        Positive(DepartureSigmas, nameof(DepartureSigmas));
        Positive(MinStepGrams, nameof(MinStepGrams));
        Positive(SettleStdFloorGrams, nameof(SettleStdFloorGrams));
        Positive(SettleNoiseFactor, nameof(SettleNoiseFactor));
        Positive(SettleSlopeFactor, nameof(SettleSlopeFactor));
        Positive(MaxSettleSeconds, nameof(MaxSettleSeconds));
        Positive(DriftTimeConstantSeconds, nameof(DriftTimeConstantSeconds));
        Positive(NoiseTimeConstantSeconds, nameof(NoiseTimeConstantSeconds));
        Positive(NoiseFloorGrams, nameof(NoiseFloorGrams));
        Positive(MotionNoiseGrams, nameof(MotionNoiseGrams));
        Positive(RecoverQuietSeconds, nameof(RecoverQuietSeconds));
        Positive(LateSettleSeconds, nameof(LateSettleSeconds));
        if (!(LateConfirmSeconds >= 0) || !(BaselineTouchFactor >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LateConfirmSeconds), "LateConfirmSeconds and BaselineTouchFactor must be non-negative");
        }

        if (!(MinStepNoiseSigmas >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinStepNoiseSigmas), MinStepNoiseSigmas, "must be non-negative");
        }

        if (!(UnsettledSigmas >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(UnsettledSigmas), UnsettledSigmas, "must be non-negative");
        }

        if (!(MaxNoiseGrams >= NoiseFloorGrams))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxNoiseGrams), MaxNoiseGrams, "must be at least the noise floor");
        }

        if (!(MotionConfirmSeconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MotionConfirmSeconds), MotionConfirmSeconds, "must be non-negative");
        }

        if (!(SettleRelativeStd >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(SettleRelativeStd), SettleRelativeStd, "must be non-negative");
        }

        if (DetectWindowSeconds > SettleWindowSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(DetectWindowSeconds), DetectWindowSeconds, "must not exceed the settle window");
        }
    }
}
