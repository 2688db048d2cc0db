namespace BasketReasoner.Core.Scale;

/// <summary>
/// Turns the raw load-cell stream into weight events. Streaming, constant memory (one ring buffer of the settle
/// window) and allocation-free per sample; the stream carries its own time, so no clock is read.
/// <para>
/// While <b>stable</b> the detector tracks a baseline (slow drift and temperature offset) and the noise around it
/// (sensor noise plus rolling vibration). When the mean of the newest few samples leaves the baseline by more than
/// max(<see cref="WeightEventDetectorOptions.DepartureMinGrams"/>, <see cref="WeightEventDetectorOptions.DepartureSigmas"/>·σ)
/// it is <b>moving</b>: it waits until the whole settle window is quiet (small spread, no slope between its halves).
/// The settled level minus the baseline is the change; at least
/// <see cref="WeightEventDetectorOptions.MinStepGrams"/> is an event, less (a jostle or a lean that came back) only
/// moves the baseline. If nothing settles within <see cref="WeightEventDetectorOptions.MaxSettleSeconds"/> and the
/// slow average clearly moved, an unsettled event (delta <c>null</c>) is emitted and the detector <b>recovers</b>:
/// the next quiet level becomes the baseline without an event. Two items put in faster than one settles come out as
/// one event whose delta is their sum. Leans on the handle and items rocking in the basket are rejected by shape: a
/// change that comes back to the baseline nearly quiet ends without an event, the give-up decision waits while the
/// signal is heading back, a level first quiet late must hold a while, and a step must clear the tracked noise.
/// </para>
/// Not thread-safe: one detector per scale, fed in time order.
/// </summary>
public sealed class WeightEventDetector
{
    private readonly WeightEventDetectorOptions _options;
    private readonly SlidingWindow _window;
    private readonly double _noiseAlpha;
    private readonly double _driftAlpha;
    private const double LevelDelaySeconds = 0.2;
    private readonly double _recentAlpha;
    private State _state = State.Warmup;
    private double _baseline;
    private double _noiseVariance;
    private double _onset;
    private double _lastTime = double.NegativeInfinity;
    private double _giveUpAt;
    private int _sinceBaseline;
    private double _quietSince = double.NaN;
    private double _quietLevel;
    private double _levelSum;
    private double _recentLevel;
    private double _nearBaselineSince = double.NaN;
    private int _levelCount;

    public WeightEventDetector(WeightEventDetectorOptions? options = null)
    {
        _options = options ?? new WeightEventDetectorOptions();
        _options.Validate();
        var rate = _options.SampleRateHz;
        var settle = Math.Max(4, (int)Math.Round(_options.SettleWindowSeconds * rate));
        var detect = Math.Clamp((int)Math.Round(_options.DetectWindowSeconds * rate), 1, settle);
        _window = new SlidingWindow(settle, detect);
        _noiseAlpha = Math.Min(1, 1 / (_options.NoiseTimeConstantSeconds * rate));
        _driftAlpha = Math.Min(1, 1 / (_options.DriftTimeConstantSeconds * rate));
        _recentAlpha = Math.Min(1, 1 / (0.2 * rate));
    }

    private enum State
    {
        Warmup,
        Stable,
        Moving,
        Recovering,
    }

    public WeightEventDetectorOptions Options => _options;

    /// <summary>The current level the next change is measured from; <c>NaN</c> until the first quiet window.</summary>
    public double BaselineGrams => _state == State.Warmup ? double.NaN : _baseline;

    /// <summary>Tracked noise (standard deviation, grams) of the signal while nothing happens.</summary>
    public double NoiseGrams => Math.Sqrt(_noiseVariance);

    /// <summary><c>true</c> while a change is under way and not yet decided.</summary>
    public bool IsMoving => _state == State.Moving;

    /// <summary>Readings ignored because they were not finite.</summary>
    public long RejectedSamples { get; private set; }

    /// <summary>Feeds one reading; returns the event it completes, if any.</summary>
    /// <param name="tSeconds">The reading's timestamp in seconds of stream time; must not go backwards.</param>
    /// <param name="grams">The reading. NaN or infinite readings (a glitch) are counted and ignored.</param>
    public WeightEvent? Push(double tSeconds, double grams) =>
        TryPush(tSeconds, grams, out var e) ? e : null;

    /// <summary>Feeds one reading stamped in ticks (100 ns, as <see cref="TimeSpan.Ticks"/>).</summary>
    public WeightEvent? Push(long timestampTicks, double grams) =>
        Push(timestampTicks / (double)TimeSpan.TicksPerSecond, grams);

    /// <summary>Feeds one reading; <c>true</c> with the event when it completes one.</summary>
    public bool TryPush(double tSeconds, double grams, out WeightEvent weightEvent)
    {
        weightEvent = default;
        if (!double.IsFinite(grams))
        {
            RejectedSamples++;
            return false;
        }

        if (tSeconds < _lastTime || double.IsNaN(tSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(tSeconds), tSeconds, "timestamps must not go backwards");
        }

        _lastTime = tSeconds;
        _window.Add(grams);
        switch (_state)
        {
            case State.Warmup:
                if (IsQuiet(0, Math.Max(_window.Variance, Square(_options.NoiseFloorGrams))))
                {
                    EnterStable(_window.Mean, Math.Max(_window.Variance, Square(_options.NoiseFloorGrams)));
                }

                return false;
            case State.Stable:
                return StepStable(tSeconds, grams);
            case State.Moving:
                return StepMoving(tSeconds, grams, out weightEvent);
            default:
                StepRecovering(tSeconds);
                return false;
        }
    }

    /// <summary>End of stream: decides a change still under way. A change that has not settled but clearly moved the
    /// level comes out unsettled; anything else comes out as nothing.</summary>
    public WeightEvent? Flush()
    {
        if (_state != State.Moving)
        {
            return null;
        }

        if (IsQuiet(_window.Mean - _baseline, _noiseVariance))
        {
            var delta = _window.Mean - _baseline;
            var settled = Settle(_lastTime, delta);
            return Math.Abs(delta) >= MinStep ? settled : null;
        }

        if (!ClearlyMoved(out var estimate))
        {
            _state = State.Stable;
            return null;
        }

        return Unsettled(_lastTime, estimate);
    }

    /// <summary>Forgets everything: the next readings warm the detector up again.</summary>
    public void Reset()
    {
        _window.Clear();
        _state = State.Warmup;
        _lastTime = double.NegativeInfinity;
        _sinceBaseline = 0;
        RejectedSamples = 0;
    }

    private static double Square(double x) => x * x;

    /// <summary>Smallest settled change that is an event: <see cref="WeightEventDetectorOptions.MinStepGrams"/>, or more
    /// while the tracked noise is large (a rocking basket, a rough floor), where a quiet window can sit a few σ off.</summary>
    private double MinStep => Math.Max(_options.MinStepGrams, _options.MinStepNoiseSigmas * Math.Sqrt(_noiseVariance));

    private bool StepStable(double t, double grams)
    {
        _sinceBaseline++;
        var departure = Math.Max(_options.DepartureMinGrams, _options.DepartureSigmas * Math.Sqrt(_noiseVariance));
        if (Math.Abs(_window.RecentMean - _baseline) > departure)
        {
            _state = State.Moving;
            _onset = t;
            _giveUpAt = t + _options.MaxSettleSeconds;
            _quietSince = double.NaN;
            _levelSum = 0;
            _levelCount = 0;
            _recentLevel = grams;
            _nearBaselineSince = double.NaN;
            return false;
        }

        // Only a window made entirely of readings since the baseline was set tells about noise and drift.
        if (_sinceBaseline >= _window.Capacity)
        {
            var floor = Square(_options.NoiseFloorGrams);
            _noiseVariance = Math.Clamp(_noiseVariance + (_noiseAlpha * (_window.Variance - _noiseVariance)), floor, Square(_options.MaxNoiseGrams));
            var mean = _window.Mean;
            if (Math.Abs(mean - _baseline) < departure / 2)
            {
                _baseline += _driftAlpha * (mean - _baseline);
            }
        }

        return false;
    }

    private bool StepMoving(double t, double grams, out WeightEvent weightEvent)
    {
        weightEvent = default;
        _recentLevel += _recentAlpha * (grams - _recentLevel);

        // The level while moving: the mean since shortly after the onset. Jostles ring symmetrically about the
        // level, so their swings cancel; it is what an unsettled event reports.
        if (t - _onset >= LevelDelaySeconds)
        {
            _levelSum += grams;
            _levelCount++;
        }

        var delta = _window.Mean - _baseline;
        if (t - _onset >= _options.SettleWindowSeconds * 0.5 && IsQuiet(delta, _noiseVariance))
        {
            if (Math.Abs(delta) < MinStep)
            {
                // Back where it was (a jostle, a lean let go): no event, and no wait either.
                Settle(t, delta);
                return false;
            }

            // In motion the new level must hold: quiet windows at the same level, MotionConfirmSeconds apart
            // (bumps in between do not reset it; a quiet window at another level does).
            var threshold = QuietThreshold(delta, _noiseVariance);
            if (double.IsNaN(_quietSince) || Math.Abs(_window.Mean - _quietLevel) > 2 * threshold)
            {
                _quietSince = t;
                _quietLevel = _window.Mean;
            }

            var confirm = _noiseVariance > Square(_options.MotionNoiseGrams) ? _options.MotionConfirmSeconds : 0;

            // A real item at rest is quiet within a fraction of a second of landing; a level first seen quiet much later
            // (a rocking item at a still moment of its swing) must hold a while before it counts.
            if (_quietSince - _onset > _options.LateSettleSeconds)
            {
                confirm = Math.Max(confirm, _options.LateConfirmSeconds);
            }
            if (t - _quietSince >= confirm)
            {
                weightEvent = Settle(t, delta);
                return true;
            }
        }

        // Back at the baseline and nearly quiet (a lean let go, the gap between two leans): whatever moved the signal
        // is over. No event; the next departure starts a change of its own, with its own onset and give-up time.
        if (_options.BaselineTouchFactor > 0 && t - _onset >= _options.SettleWindowSeconds && Math.Abs(delta) < MinStep)
        {
            var touch = _options.BaselineTouchFactor * QuietThreshold(0, _noiseVariance);
            if (_window.Variance <= touch * touch)
            {
                AbandonChange(learnNoise: false);
                return false;
            }
        }

        // Back near the baseline but not quiet for a while: the cart started rolling (or a lean was let go on a
        // rolling cart). No event; learn the larger noise.
        if (Math.Abs(delta) >= MinStep)
        {
            _nearBaselineSince = double.NaN;
        }
        else if (double.IsNaN(_nearBaselineSince))
        {
            _nearBaselineSince = t;
        }
        else if (t - _nearBaselineSince >= _options.RecoverQuietSeconds)
        {
            AbandonChange(learnNoise: true);
            return false;
        }

        if (t < _giveUpAt)
        {
            return false;
        }

        // Give-up time, but the signal is back near the baseline right now, or on its way there (a lean being let go,
        // two leans in a row): the newest readings are not clearly off the baseline. Decide later: it either comes
        // back to the baseline, no event, or is judged again on the next reading. A rocking item swings through its
        // level and away from the baseline every cycle, so it is only delayed.
        var current = Math.Abs(_window.RecentMean - _baseline);
        if (_options.DeferGiveUpNearBaseline
            && (Math.Abs(delta) < MinStep
                || current < Math.Max(MinStep, _options.UnsettledSigmas * Math.Sqrt(_window.Variance))
                || current < 0.5 * Math.Abs(_window.OlderHalfMean - _baseline)))
        {
            return false;
        }

        if (!ClearlyMoved(out var estimate))
        {
            // Noise larger than we thought (the cart started rolling): learn it, keep the baseline.
            AbandonChange(learnNoise: true);
            return false;
        }

        weightEvent = Unsettled(t, estimate);
        _giveUpAt = t + _options.MaxSettleSeconds;
        return true;
    }

    /// <summary>Whether an unsettled change is worth an event: both the mean since the onset and the recent level (a
    /// lean let go, back at the baseline on a rolling cart, has the first but not the second) moved clearly, the same
    /// way.</summary>
    private bool ClearlyMoved(out double estimate)
    {
        estimate = (_levelCount > 0 ? _levelSum / _levelCount : _window.Mean) - _baseline;
        var recent = _recentLevel - _baseline;
        var needed = Math.Max(_options.MinStepGrams, _options.UnsettledSigmas * Math.Sqrt(_window.Variance));
        return Math.Abs(estimate) >= needed && Math.Abs(recent) >= needed && Math.Sign(estimate) == Math.Sign(recent);
    }

    // The change is over without an event: keep the baseline; when the signal was rough all along, that roughness
    // is the new noise.
    private void AbandonChange(bool learnNoise)
    {
        if (learnNoise)
        {
            _noiseVariance = Math.Max(_noiseVariance, Math.Min(_window.Variance, Square(_options.MaxNoiseGrams)));
        }

        _state = State.Stable;
        _sinceBaseline = 0;
    }

    private WeightEvent Unsettled(double t, double estimate)
    {
        var e = new WeightEvent(_onset, t, null, estimate, Math.Sqrt(_window.Variance), false, _baseline);
        _state = State.Recovering;
        _quietSince = double.NaN;
        return e;
    }

    private WeightEvent Settle(double t, double delta)
    {
        var uncertainty = Math.Sqrt((_window.Variance + _noiseVariance) / _window.Capacity);
        var e = new WeightEvent(_onset, t, delta, delta, uncertainty, true, _baseline);
        EnterStable(_window.Mean, _noiseVariance);
        _sinceBaseline = _window.Capacity;
        return e;
    }

    private void StepRecovering(double t)
    {
        if (!IsQuiet(0, _noiseVariance))
        {
            _quietSince = double.NaN;
        }
        else if (double.IsNaN(_quietSince))
        {
            _quietSince = t;
        }
        else if (t - _quietSince >= _options.RecoverQuietSeconds)
        {
            EnterStable(_window.Mean, _noiseVariance);
            _sinceBaseline = _window.Capacity;
            return;
        }

        if (double.IsNaN(_quietSince) && t >= _giveUpAt)
        {
            // Still not quiet: the noise itself is larger now; widen the estimate and keep waiting.
            _noiseVariance = Math.Max(_noiseVariance, Math.Min(_window.Variance * 0.5, Square(_options.MaxNoiseGrams)));
            _giveUpAt = t + _options.MaxSettleSeconds;
        }
    }

    private void EnterStable(double baseline, double noiseVariance)
    {
        _baseline = baseline;
        _noiseVariance = noiseVariance;
        _state = State.Stable;
        _sinceBaseline = 0;
    }

    private double QuietThreshold(double delta, double noiseVariance) => Math.Max(
        _options.SettleStdFloorGrams,
        Math.Max(_options.SettleNoiseFactor * Math.Sqrt(noiseVariance), _options.SettleRelativeStd * Math.Abs(delta)));

    /// <summary>The settle rule: the window is full, its spread is within the quiet threshold and its two halves agree.</summary>
    private bool IsQuiet(double delta, double noiseVariance)
    {
        if (!_window.IsFull)
        {
            return false;
        }

        var threshold = QuietThreshold(delta, noiseVariance);
        return _window.Variance <= threshold * threshold
            && Math.Abs(_window.NewerHalfMean - _window.OlderHalfMean) <= _options.SettleSlopeFactor * threshold;
    }
}
