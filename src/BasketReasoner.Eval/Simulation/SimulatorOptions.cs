namespace BasketReasoner.Eval.Simulation;

/// <summary>
/// How <see cref="SessionSimulator"/> builds shopping trips and what the cart's scale reports. Every default is
/// stated; the weight model is described in <see cref="WeightModel"/> and <c>eval/SIMULATION.md</c>.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Seed of the one <see cref="Random"/> behind every draw; same seed, same sessions. Default <c>7</c>.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>Fewest add events per session. Default <c>3</c>.</summary>
    public int MinAdds { get; set; } = 3;

    /// <summary>Most add events per session (inclusive). Default <c>12</c>.</summary>
    public int MaxAdds { get; set; } = 12;

    /// <summary>Chance that an add takes another unit of a product already in the basket. Default <c>0.25</c>.</summary>
    public double RepeatProbability { get; set; } = 0.25;

    /// <summary>Chance per step that the shopper takes a unit back out, once the basket holds
    /// <see cref="MinItemsForRemove"/> units. Default <c>0.15</c>.</summary>
    public double RemoveProbability { get; set; } = 0.15;

    /// <summary>Units the basket must hold before a removal can happen. Default <c>2</c>.</summary>
    public int MinItemsForRemove { get; set; } = 2;

    /// <summary>Relative standard deviation of one pack's weight around the product's true unit weight
    /// (packaged goods, <c>SoldBy.Unit</c>). Default <c>0.01</c> (1 %).</summary>
    public double PackWeightSpread { get; set; } = 0.01;

    /// <summary>σ of the natural log of one loose piece's weight (<c>SoldBy.Weight</c>); the median piece weighs
    /// the product's true unit weight. Default <c>0.25</c>.</summary>
    public double LooseLogSigma { get; set; } = 0.25;

    /// <summary>Standard deviation of the scale's reading noise, in grams. Default <c>1.5</c>.</summary>
    public double ScaleNoiseGrams { get; set; } = 1.5;

    /// <summary>Relative standard deviation of the fixed per-product factor between the true unit weight and the
    /// catalog's value when <c>UnitWeightEstimated</c>; drawn once per simulation. Default <c>0.05</c> (5 %).</summary>
    public double EstimatedWeightError { get; set; } = 0.05;

    /// <summary>Relative standard deviation of a fixed per-product factor between the true unit weight and the catalog's
    /// value for <em>every</em> product, packaged goods included (a catalogue that is simply off: other pack sizes,
    /// other suppliers); drawn once per simulation, on top of <see cref="EstimatedWeightError"/>. Default <c>0</c>
    /// (off, and no draw is made, so sessions simulated before this option existed are reproduced).</summary>
    public double CatalogWeightError { get; set; }

    /// <summary>Chance that a settled reading carries a gross error (a hand resting on the cart, a bag touching the
    /// frame): <see cref="OutlierGrams"/> × |N(0, 1)| with a random sign is added. Default <c>0</c> (off; no draw).</summary>
    public double OutlierProbability { get; set; }

    /// <summary>Scale of a gross reading error, in grams. Default <c>60</c>.</summary>
    public double OutlierGrams { get; set; } = 60;

    /// <summary>Chance that the scale did not settle and the event's weight is <c>null</c>. Default <c>0.03</c>.</summary>
    public double UnsettledProbability { get; set; } = 0.03;

    /// <summary>Session ids are this prefix plus a 1-based number. Default <c>"s-"</c>.</summary>
    public string IdPrefix { get; set; } = "s-";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinAdds);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAdds, MinAdds);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinItemsForRemove, 1);
        Probability(RepeatProbability, nameof(RepeatProbability));
        Probability(RemoveProbability, nameof(RemoveProbability));
        Probability(UnsettledProbability, nameof(UnsettledProbability));
        NonNegative(PackWeightSpread, nameof(PackWeightSpread));
        NonNegative(LooseLogSigma, nameof(LooseLogSigma));
        NonNegative(ScaleNoiseGrams, nameof(ScaleNoiseGrams));
        NonNegative(EstimatedWeightError, nameof(EstimatedWeightError));
        NonNegative(CatalogWeightError, nameof(CatalogWeightError));
        Probability(OutlierProbability, nameof(OutlierProbability));
        NonNegative(OutlierGrams, nameof(OutlierGrams));
        ArgumentNullException.ThrowIfNull(IdPrefix);

        // A removal rate of 1 would never let a session reach its adds once the basket is full enough.
        if (RemoveProbability >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RemoveProbability), RemoveProbability, "must be below 1");
        }
    }

    private static void Probability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a probability in [0, 1]");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite, non-negative number");
        }
    }
}
