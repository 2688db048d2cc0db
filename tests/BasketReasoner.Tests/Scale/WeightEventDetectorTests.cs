using BasketReasoner.Core.Scale;

namespace BasketReasoner.Tests.Scale;

public sealed class WeightEventDetectorTests
{
    [Theory]
    [InlineData(80, 15, 0.03)]
    [InlineData(400, 10, 0.05)]
    [InlineData(-800, 18, 0.08)]
    public void Push_JostleSpikeThatComesBack_YieldsNoEvent(double amplitude, double hz, double decay)
    {
        var signal = ScaleSignals.Make(10, t => 1500 + (t < 4 ? 0 : amplitude * Math.Exp(-(t - 4) / decay) * Math.Sin(2 * Math.PI * hz * (t - 4))), noise: 0.8);

        Assert.Empty(ScaleSignals.Run(signal));
    }

    [Fact]
    public void Push_LeanWithHandTremorLetGo_YieldsNoEvent()
    {
        // 400 g pressed for a second with 1 % tremor at 10 Hz and 3 % sway at 1 Hz, then let go.
        static double Lean(double t) => t < 3 || t > 4.4 ? 0
            : Math.Sin(Math.PI * Math.Min(1, Math.Min(t - 3, 4.4 - t) / 0.2) / 2) * (400 + (5.6 * Math.Sin(2 * Math.PI * 10 * t)) + (17 * Math.Sin(2 * Math.PI * t)));
        var signal = ScaleSignals.Make(8, t => 900 + Lean(t), noise: 0.8);

        Assert.Empty(ScaleSignals.Run(signal));
    }

    [Fact]
    public void Push_ScaleNeverSettles_YieldsOneUnsettledEventWithNullDelta()
    {
        // A 600 g item lands at 2 s and keeps rocking ±50 g at 2.5 Hz until the end.
        var signal = ScaleSignals.Make(9, t => 300 + ScaleSignals.Step(t, 2, 600) + (t < 2.2 ? 0 : 50 * Math.Sin(2 * Math.PI * 2.5 * t)), noise: 0.8);

        var e = Assert.Single(ScaleSignals.Run(signal));

        Assert.False(e.Settled);
        Assert.Null(e.DeltaGrams);
        Assert.InRange(e.EstimatedDeltaGrams, 550, 650);
        Assert.InRange(e.SettleSeconds, 2.9, 3.1);
    }

    [Fact]
    public void Push_QuickDoubleAdd_YieldsOneEventWithTheSummedDelta()
    {
        var signal = ScaleSignals.Make(6, t => 200 + ScaleSignals.Step(t, 2, 500) + ScaleSignals.Step(t, 2.12, 1000), noise: 0.8);

        var e = Assert.Single(ScaleSignals.Run(signal));

        Assert.InRange(e.DeltaGrams!.Value, 1497, 1503);
    }

    [Fact]
    public void Push_TwoAddsASecondApart_YieldsTwoEvents()
    {
        var signal = ScaleSignals.Make(6, t => 200 + ScaleSignals.Step(t, 2, 500) + ScaleSignals.Step(t, 3, 1000), noise: 0.8);

        var events = ScaleSignals.Run(signal);

        Assert.Equal(2, events.Count);
        Assert.InRange(events[0].DeltaGrams!.Value, 497, 503);
        Assert.InRange(events[1].DeltaGrams!.Value, 997, 1003);
    }

    [Fact]
    public void Push_SlowDriftAndTemperatureOffset_YieldsNoEvent()
    {
        // 10 minutes: 3 g/min creep plus an 8 g temperature swing, sensor noise 0.8 g.
        var signal = ScaleSignals.Make(600, t => 2000 + (3 * t / 60) + (8 * Math.Sin(2 * Math.PI * t / 300)), noise: 0.8);

        Assert.Empty(ScaleSignals.Run(signal));
    }

    [Fact]
    public void Push_RemovalAfterDrift_MeasuresFromTheTrackedBaseline()
    {
        var signal = ScaleSignals.Make(300, t => 2000 + (5 * t / 60) + ScaleSignals.Step(t, 290, -750), noise: 0.5);

        var e = Assert.Single(ScaleSignals.Run(signal));

        Assert.InRange(e.DeltaGrams!.Value, -752, -748);
    }

    [Fact]
    public void Push_RollingVibration_YieldsNoEvent()
    {
        var signal = ScaleSignals.Make(60, t => 3000 + (t < 10 ? 0 : (3 * Math.Sin(2 * Math.PI * 9 * t)) + (2.5 * Math.Sin(2 * Math.PI * 13.3 * t))), noise: 1.5);

        Assert.Empty(ScaleSignals.Run(signal));
    }

    [Fact]
    public void Push_PerSample_AllocatesNothing()
    {
        var signal = ScaleSignals.Make(120, t => 100 + ScaleSignals.Step(t, 10, 500) + ScaleSignals.Step(t, 40, -500) + ScaleSignals.Step(t, 70, 2000)
            + (t is > 90 and < 95 ? 40 * Math.Sin(2 * Math.PI * 2 * t) : 0), noise: 0.8);
        var detector = new WeightEventDetector();
        for (var i = 0; i < 500; i++)
        {
            detector.Push(i / ScaleSignals.Rate, signal[i]); // warm up: JIT and tiering
        }

        var events = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 500; i < signal.Length; i++)
        {
            if (detector.Push(i / ScaleSignals.Rate, signal[i]) is not null)
            {
                events++;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(events >= 3, $"{events} events");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Push_NonFiniteReading_IsCountedAndIgnored()
    {
        var detector = new WeightEventDetector();
        for (var i = 0; i < 100; i++)
        {
            detector.Push(i / 100.0, i == 50 ? double.NaN : 500);
        }

        Assert.Equal(1, detector.RejectedSamples);
        Assert.Equal(500, detector.BaselineGrams, 6);
    }

    [Fact]
    public void Push_TimestampGoesBackwards_Throws()
    {
        var detector = new WeightEventDetector();
        detector.Push(1.0, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Push(0.5, 0));
    }

    [Fact]
    public void Push_Ticks_SameEventsAsSeconds()
    {
        var signal = ScaleSignals.Make(6, t => ScaleSignals.Step(t, 2, 300), noise: 0.5);
        var detector = new WeightEventDetector();
        WeightEvent? found = null;
        for (var i = 0; i < signal.Length; i++)
        {
            found ??= detector.Push(i * TimeSpan.TicksPerSecond / 100, signal[i]);
        }

        Assert.Equal(ScaleSignals.Run(signal).Single(), found);
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightEventDetector(new WeightEventDetectorOptions { SampleRateHz = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightEventDetector(new WeightEventDetectorOptions { DetectWindowSeconds = 1 }));
    }
}
