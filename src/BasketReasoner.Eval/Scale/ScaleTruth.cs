namespace BasketReasoner.Eval.Scale;

/// <summary>One real weight change in a simulated stream.</summary>
/// <param name="TimeSeconds">When the item landed on (or left) the scale.</param>
/// <param name="DeltaGrams">True signed change: the item's weight, negative for a removal.</param>
/// <param name="Packaged"><c>true</c> for a packaged good (sold per unit), <c>false</c> for loose produce.</param>
/// <param name="ProductId">Catalog product id, or a built-in name.</param>
/// <param name="PairId">Shared by the two items of a quick double add, else <c>null</c>.</param>
/// <param name="NeverSettles"><c>true</c> when the scale is kept unsettled after this change until the cart rolls on.</param>
public sealed record ScaleTruthEvent(double TimeSeconds, double DeltaGrams, bool Packaged, string ProductId, int? PairId, bool NeverSettles);

/// <summary>A simulated stream: readings at a fixed rate (reading i at i / rate seconds) and what really happened.</summary>
public sealed record ScaleStream(
    int Seed,
    double SampleRateHz,
    double[] Grams,
    IReadOnlyList<ScaleTruthEvent> Truth,
    double MotionSeconds,
    int Jostles,
    int Leans)
{
    public double DurationSeconds => Grams.Length / SampleRateHz;

    public double TimeOf(int i) => i / SampleRateHz;
}
