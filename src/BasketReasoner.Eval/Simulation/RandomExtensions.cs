namespace BasketReasoner.Eval.Simulation;

internal static class RandomExtensions
{
    /// <summary>Standard normal draw (Box–Muller); uses two uniforms every call so the stream stays easy to reason about.</summary>
    public static double NextGaussian(this Random random)
    {
        // 1 - u keeps the log argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
