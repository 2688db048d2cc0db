namespace BasketReasoner.Reasoning.Fusion.Sources;

/// <summary>
/// Options of the <c>learned-weight</c> evidence source (<see cref="LearnedWeightEvidence"/>), read from its entry
/// under <c>Sources</c> in <c>config/fusion.json</c>. Ranges are validated when the source is built.
/// </summary>
public sealed record LearnedWeightOptions
{
    /// <summary>Fusion weight of the source; 0 leaves it out of the fusion entirely. Default: 0 (off).</summary>
    public double Weight { get; set; }

    /// <summary>
    /// Session file with per-event truth the statistics are fitted from, simulated from the <c>train</c> split
    /// (a file whose name contains <c>test</c> is refused); relative paths are found from the working directory, else
    /// beside the program or in a folder above it (the checkout). <c>null</c>: start from the catalog prior only.
    /// Default: <c>eval/sessions/train-400.jsonl</c>, which the build copies beside the program.
    /// </summary>
    public string? FitSessions { get; set; } = "eval/sessions/train-400.jsonl";

    /// <summary>
    /// How many observations the catalog prior is worth: a product seen n times has its mean and spread shrunk toward
    /// the catalog's by this many pseudo-observations. Greater than 0. Default: 5.
    /// </summary>
    public double PriorStrength { get; set; } = 5;

    /// <summary>Prior spread of a pack's log weight around its catalog weight. Greater than 0. Default: 0.05.</summary>
    public double PackagedPriorLogSigma { get; set; } = 0.05;

    /// <summary>Prior spread of one loose piece's log weight. Greater than 0. Default: 0.35.</summary>
    public double LoosePriorLogSigma { get; set; } = 0.35;

    /// <summary>Prior spread when the catalog weight is an estimate (packs or loose). Greater than 0. Default: 0.4.</summary>
    public double EstimatedPriorLogSigma { get; set; } = 0.4;

    /// <summary>Smallest spread of log weight a product may learn (scale resolution). Greater than 0. Default: 0.01.</summary>
    public double MinLogSigma { get; set; } = 0.01;

    /// <summary>Degrees of freedom of the Student-t on log weight: lower is heavier-tailed. At least 1. Default: 4.</summary>
    public double DegreesOfFreedom { get; set; } = 4;

    /// <summary>Mass of the uniform outlier floor, so one bad reading cannot veto a product. In [0, 1). Default: 0.01.</summary>
    public double OutlierProbability { get; set; } = 0.01;

    /// <summary>Range of the outlier floor's uniform density, in grams. Greater than 0. Default: 5000.</summary>
    public double OutlierRangeGrams { get; set; } = 5000;

    /// <summary>
    /// Most weighings one contributor (a cart) teaches per product, over the life of the event log (replay counts them
    /// again, in order, so a restart learns the same): further confirmations of that product by that cart are not
    /// learned, so one cart, or one shopper confirming the same thing again and again, cannot move the weight every
    /// cart is judged by (a store's carts together still teach plenty). The fit sessions are not capped. With the
    /// shipped fit, two of the heaviest weighings one garlic may plausibly have (250 g, five typical pieces) move the
    /// term a typical 50 g garlic gets by under 0.5 nats (<c>LearnedWeightEvidenceTests</c>). 1 to 1000. Default: 2.
    /// </summary>
    public int MaxPerContributor { get; set; } = 2;

    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PriorStrength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PackagedPriorLogSigma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LoosePriorLogSigma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EstimatedPriorLogSigma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinLogSigma);
        ArgumentOutOfRangeException.ThrowIfLessThan(DegreesOfFreedom, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(OutlierProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(OutlierProbability, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(OutlierRangeGrams);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPerContributor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPerContributor, 1000);
    }
}
