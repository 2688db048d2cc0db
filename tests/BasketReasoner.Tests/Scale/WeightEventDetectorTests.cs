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

    /// <summary>A hand on the handle as in the simulator: raised-cosine rise and fall, 3 % sway at 1.3 Hz and tremor of
    /// max(2 g, 1 %) RMS at 10 Hz while it presses.</summary>
    private static double Lean(double t, double start, double grams, double hold, double rise = 0.2, double fall = 0.2)
    {
        var tau = t - start;
        if (tau < 0 || tau > rise + hold + fall)
        {
            return 0;
        }

        var envelope = tau < rise ? 0.5 * (1 - Math.Cos(Math.PI * tau / rise))
            : tau < rise + hold ? 1
            : 0.5 * (1 + Math.Cos(Math.PI * (tau - rise - hold) / fall));
        var sway = 0.03 * grams * Math.Sqrt(2) * Math.Sin((2 * Math.PI * 1.3 * tau) + 1);
        var tremor = Math.Max(2, 0.01 * grams) * Math.Sqrt(2) * Math.Sin((2 * Math.PI * 10 * tau) + 2);
        return envelope * (grams + sway + tremor);
    }

    /// <summary>The defaults before the lean and rocking rules (tuning log, row 7).</summary>
    private static readonly WeightEventDetectorOptions Legacy = new()
    {
        MinStepNoiseSigmas = 0, DeferGiveUpNearBaseline = false, LateSettleSeconds = 1e9, BaselineTouchFactor = 0,
    };

    [Fact]
    public void Push_LongLeanWithTremor_YieldsNoEvent()
    {
        // 250 g held 1.5 s on a standing cart: longer than the settle window many times over, never still.
        var signal = ScaleSignals.Make(8, t => 1200 + Lean(t, 3, 250, 1.5, 0.3, 0.3), noise: 0.8);

        Assert.Empty(ScaleSignals.Run(signal));
    }

    [Fact]
    public void Push_TwoLeansInARowLetGoJustBeforeGiveUp_YieldsNoEvent()
    {
        // 300 g for 1.3 s, a moment's gap, then 600 g let go just before the 3 s give-up time of the first onset:
        // the slow level since the onset says "moved", but the signal is back at the baseline.
        var signal = ScaleSignals.Make(9, t => 700 + Lean(t, 2, 300, 1.3, 0.15, 0.15) + Lean(t, 3.5, 600, 1.15, 0.15, 0.3), noise: 0.8);

        Assert.Empty(ScaleSignals.Run(signal));

        // Without the new rules the same signal came out as an unsettled phantom at the give-up time.
        Assert.NotEmpty(ScaleSignals.Run(signal, Legacy));
    }

    [Fact]
    public void Push_ItemRightAfterALean_SettlesAtOnce()
    {
        // A 400 g lean let go at 4.4 s, then a real 250 g item at 4.7 s: reported, measured and timed as usual.
        var signal = ScaleSignals.Make(8, t => 900 + Lean(t, 3, 400, 1.0) + ScaleSignals.Step(t, 4.7, 250), noise: 0.8);

        var e = Assert.Single(ScaleSignals.Run(signal));

        Assert.InRange(e.DeltaGrams!.Value, 247, 253);
        Assert.InRange(e.OnsetSeconds, 4.6, 4.8);
        Assert.InRange(e.SettleSeconds, 0, 0.6);
    }

    [Fact]
    public void Push_RockingItemWithStillMoments_YieldsNoSettledPhantom()
    {
        // A 300 g item lands at 2 s and rocks as two beating sinusoids (40 g at 2.0 Hz and 2.25 Hz): every 4 s the
        // swing passes through a nearly still moment. One unsettled event for the item; no settled steps from the
        // still moments.
        var signal = ScaleSignals.Make(
            20,
            t => 500 + ScaleSignals.Step(t, 2, 300) + (t < 2.1 ? 0 : (40 * Math.Sin(2 * Math.PI * 2.0 * t)) + (40 * Math.Sin((2 * Math.PI * 2.25 * t) + 0.5))),
            noise: 0.8);

        var events = ScaleSignals.Run(signal);

        var first = events[0];
        Assert.InRange(first.OnsetSeconds, 1.9, 2.2);
        Assert.DoesNotContain(events.Skip(1), e => e.Settled);
    }

    [Fact]
    public void Push_ItemThatRingsLong_IsConfirmedAndReported()
    {
        // A slow-ringing landing (4 Hz, 0.2 s decay): first quiet later than LateSettleSeconds, so it must hold
        // LateConfirmSeconds more, and then it is reported with its full delta.
        static double SlowStep(double t) => t < 2 ? 0 : 500 * (1 - (Math.Exp(-(t - 2) / 0.2) * Math.Cos(2 * Math.PI * 4 * (t - 2))));
        var signal = ScaleSignals.Make(6, t => 300 + SlowStep(t), noise: 0.8);

        var e = Assert.Single(ScaleSignals.Run(signal));

        Assert.InRange(e.DeltaGrams!.Value, 497, 503);
        Assert.InRange(e.SettleSeconds, 0.6 + 0.5, 3);
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
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightEventDetector(new WeightEventDetectorOptions { LateSettleSeconds = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightEventDetector(new WeightEventDetectorOptions { BaselineTouchFactor = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightEventDetector(new WeightEventDetectorOptions { MinStepNoiseSigmas = -1 }));
    }
}
