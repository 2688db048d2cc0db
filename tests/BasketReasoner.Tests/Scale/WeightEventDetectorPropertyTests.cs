using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BasketReasoner.Tests.Scale;

public sealed class WeightEventDetectorPropertyTests
{
    [Property(MaxTest = 200)]
    public bool Push_ConstantSignal_NeverYieldsAnEvent(NormalFloat level, PositiveInt tenthsOfSeconds)
    {
        var grams = Math.Clamp(level.Get, -1e6, 1e6);
        var seconds = 0.2 + ((tenthsOfSeconds.Get % 600) / 10.0);
        return ScaleSignals.Run(ScaleSignals.Constant(grams, seconds)).Count == 0;
    }

    [Property(MaxTest = 200)]
    public bool Push_ConstantSignalWithSensorNoise_NeverYieldsAnEvent(int seed, NormalFloat level)
    {
        var grams = Math.Clamp(level.Get, -1e5, 1e5);
        return ScaleSignals.Run(ScaleSignals.Make(30, _ => grams, noise: 0.8, seed: seed)).Count == 0;
    }

    public static Arbitrary<(double Baseline, double Delta, double At)> CleanSteps() =>
        (from baseline in Gen.Choose(-500, 20_000)
         from magnitude in Gen.Choose(20, 5000)
         from negative in Gen.Elements(false, true)
         from at in Gen.Choose(100, 800)
         select ((double)baseline, negative ? -magnitude : (double)magnitude, at / 100.0)).ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(WeightEventDetectorPropertyTests)])]
    public void Push_CleanStep_YieldsExactlyOneEventWithTheDelta((double Baseline, double Delta, double At) step)
    {
        var (baseline, delta, at) = step;
        var signal = ScaleSignals.Make(at + 3, t => baseline + ScaleSignals.Step(t, at, delta), noise: 0.5, seed: (int)(at * 100));

        var events = ScaleSignals.Run(signal);

        var e = Assert.Single(events);
        Assert.True(e.Settled);
        Assert.InRange(e.DeltaGrams!.Value, delta - 1.5, delta + 1.5);
        Assert.InRange(e.OnsetSeconds, at, at + 0.1);
        Assert.InRange(e.SettleSeconds, 0.05, 0.6);
    }
}
