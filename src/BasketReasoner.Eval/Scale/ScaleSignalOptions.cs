namespace BasketReasoner.Eval.Scale;

/// <summary>
/// The load-cell signal model of <see cref="ScaleSimulator"/> (described in full in <c>eval/SCALE.md</c>). A trip
/// alternates rolling segments and stops at shelves; items go in and out only at stops; jostles and leans happen in
/// both. Ranges are drawn uniformly. Weights in grams, times in seconds.
/// </summary>
public sealed record ScaleSignalOptions
{
    /// <summary>Random seed (default 1); same seed and options, same stream.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Length of the trip (default 10 minutes).</summary>
    public double Minutes { get; init; } = 10;

    /// <summary>Readings per second (default 100 Hz).</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>White sensor noise, one standard deviation (default 0.8 g).</summary>
    public double NoiseGrams { get; init; } = 0.8;

    /// <summary>Random-walk drift of the zero, per square-root second (default 0.02 g/√s, about 0.5 g in 10 min).</summary>
    public double DriftGramsPerSqrtSecond { get; init; } = 0.02;

    /// <summary>Amplitude of the slow temperature offset, a sinusoid of period <see cref="TemperaturePeriodSeconds"/> (default 4 g).</summary>
    public double TemperatureOffsetGrams { get; init; } = 4;

    /// <summary>Period of the temperature offset (default 900 s: the cart passes chilled aisles).</summary>
    public double TemperaturePeriodSeconds { get; init; } = 900;

    /// <summary>Largest initial zero offset (tare error), drawn in ±this (default 20 g).</summary>
    public double TareErrorGrams { get; init; } = 20;

    /// <summary>Duration of a stop at a shelf (default 8..40 s).</summary>
    public (double Min, double Max) StopSeconds { get; init; } = (8, 40);

    /// <summary>Duration of a rolling segment (default 5..30 s).</summary>
    public (double Min, double Max) RollSeconds { get; init; } = (5, 30);

    /// <summary>Mean number of shopper actions per stop, Poisson, at most 4 (default 1.3).</summary>
    public double ActionsPerStop { get; init; } = 1.3;

    /// <summary>Chance an action removes an item already in the cart (default 0.15).</summary>
    public double RemoveProbability { get; init; } = 0.15;

    /// <summary>Chance an add is two items put in quickly one after the other (default 0.08).</summary>
    public double QuickDoubleProbability { get; init; } = 0.08;

    /// <summary>Gap between the two items of a quick double add (default 0.15..0.7 s).</summary>
    public (double Min, double Max) QuickDoubleGapSeconds { get; init; } = (0.15, 0.7);

    /// <summary>Chance an add is followed by a scale that never settles until the cart rolls on (default 0.03):
    /// an item rocking, a bag still held, amplitude 20..80 g at 1.5..4 Hz.</summary>
    public double NeverSettleProbability { get; init; } = 0.03;

    /// <summary>Ring of the load cell after an item lands: frequency (default 6..14 Hz).</summary>
    public (double Min, double Max) RingHz { get; init; } = (6, 14);

    /// <summary>Ring decay time constant (default 0.03..0.08 s).</summary>
    public (double Min, double Max) RingDecaySeconds { get; init; } = (0.03, 0.08);

    /// <summary>Extra impact overshoot as a fraction of the item's weight (default 0..0.3).</summary>
    public (double Min, double Max) ImpactFraction { get; init; } = (0, 0.3);

    /// <summary>Rolling vibration: amplitude of each of its two sinusoids (default 1..4 g per segment), plus white
    /// noise of half that.</summary>
    public (double Min, double Max) VibrationGrams { get; init; } = (1, 4);

    /// <summary>Rolling vibration frequencies (default 4..15 Hz).</summary>
    public (double Min, double Max) VibrationHz { get; init; } = (4, 15);

    /// <summary>Floor bumps (tile joints) per rolling second (default 0.3), amplitude 5..40 g.</summary>
    public double FloorBumpsPerSecond { get; init; } = 0.3;

    /// <summary>Jostles (the cart hits a shelf, another cart, a kick) per rolling second (default 1/15) and per
    /// stopped second (default 1/60).</summary>
    public double JostlesPerRollingSecond { get; init; } = 1.0 / 15;

    /// <inheritdoc cref="JostlesPerRollingSecond"/>
    public double JostlesPerStoppedSecond { get; init; } = 1.0 / 60;

    /// <summary>Jostle spike amplitude (default 50..800 g), a damped oscillation of 8..20 Hz decaying in 0.02..0.08 s.</summary>
    public (double Min, double Max) JostleGrams { get; init; } = (50, 800);

    /// <summary>Leans on the handle per rolling second (default 1/40) and chance per stop (default 0.3).</summary>
    public double LeansPerRollingSecond { get; init; } = 1.0 / 40;

    /// <inheritdoc cref="LeansPerRollingSecond"/>
    public double LeanProbabilityPerStop { get; init; } = 0.3;

    /// <summary>Lean force (default 100..1500 g): raised-cosine rise and fall of 0.1..0.3 s, held
    /// <see cref="LeanHoldSeconds"/>, with postural sway (0.5..3 Hz, 3 % of the force) and physiological tremor
    /// (8..12 Hz, max(2 g, 1 %)).</summary>
    public (double Min, double Max) LeanGrams { get; init; } = (100, 1500);

    /// <summary>How long a lean is held (default 0.1..1.5 s).</summary>
    public (double Min, double Max) LeanHoldSeconds { get; init; } = (0.1, 1.5);

    /// <summary>Shortest time between two scripted things at a stop (default 3 s), so ground truth stays unambiguous.</summary>
    public double SlotSeconds { get; init; } = 3;
}
