using BasketReasoner.Core.Scale;

namespace BasketReasoner.Tests.Scale;

/// <summary>Hand-made load-cell signals at 100 Hz, and a helper that runs a detector over one.</summary>
internal static class ScaleSignals
{
    public const double Rate = 100;

    public static double[] Constant(double grams, double seconds) => Enumerable.Repeat(grams, (int)(seconds * Rate)).ToArray();

    /// <summary>A signal built sample by sample from its time, plus seeded white noise.</summary>
    public static double[] Make(double seconds, Func<double, double> f, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        var x = new double[(int)(seconds * Rate)];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = f(i / Rate) + (noise * Gaussian(random));
        }

        return x;
    }

    /// <summary>An item landing at <paramref name="at"/>: an under-damped step (10 Hz, 50 ms decay).</summary>
    public static double Step(double t, double at, double grams)
    {
        if (t < at)
        {
            return 0;
        }

        var tau = t - at;
        var w = 2 * Math.PI * 10;
        return grams * (1 - (Math.Exp(-tau / 0.05) * Math.Cos(w * tau)));
    }

    public static List<WeightEvent> Run(double[] signal, WeightEventDetectorOptions? options = null)
    {
        var detector = new WeightEventDetector(options);
        var events = new List<WeightEvent>();
        for (var i = 0; i < signal.Length; i++)
        {
            if (detector.Push(i / Rate, signal[i]) is { } e)
            {
                events.Add(e);
            }
        }

        if (detector.Flush() is { } last)
        {
            events.Add(last);
        }

        return events;
    }

    private static double Gaussian(Random r) =>
        Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
