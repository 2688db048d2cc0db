using BasketReasoner.Core.Catalog;
using BasketReasoner.Eval.Simulation;

namespace BasketReasoner.Eval.Scale;

/// <summary>
/// Generates a seeded load-cell stream for one shopping trip with its ground truth. The model is documented on
/// <see cref="ScaleSignalOptions"/> and in <c>eval/SCALE.md</c>. Items come from a catalog (packaged goods weigh
/// their unit weight ±1 %, loose produce a log-normal piece around it, σ_log 0.25) or from a built-in list.
/// </summary>
public sealed class ScaleSimulator
{
    /// <summary>Used when no catalog is given: (id, unit weight g, packaged).</summary>
    public static readonly IReadOnlyList<(string Id, double Grams, bool Packaged)> BuiltInItems =
    [
        ("milk-1l", 1060, true), ("yoghurt-1l", 1050, true), ("juice-1l", 1090, true), ("oat-milk-1l", 1045, true),
        ("sour-cream-300g", 320, true), ("soy-milk-1l", 1060, true), ("oatghurt-600g", 640, true), ("milk-1.5l", 1580, true),
        ("apple", 180, false), ("banana", 120, false), ("melon", 1500, false), ("garlic", 45, false),
        ("potato", 150, false), ("tomato", 100, false), ("avocado", 200, false), ("pepper", 160, false),
    ];

    private readonly IReadOnlyList<(string Id, double Grams, bool Packaged)> _items;

    public ScaleSimulator(ProductCatalog? catalog = null)
    {
        _items = catalog is null
            ? BuiltInItems
            : catalog.Products.Select(p => (p.Id, p.UnitWeightGrams, p.SoldBy == SoldBy.Unit)).ToArray();
        if (_items.Count == 0)
        {
            throw new ArgumentException("No items to put in the cart.", nameof(catalog));
        }
    }

    /// <summary>Quiet seconds after the last scripted action of <see cref="Generate(ScaleSignalOptions, IReadOnlyList{ScaleAction})"/>.</summary>
    public const double ScriptTailSeconds = 8;

    public ScaleStream Generate(ScaleSignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var script = new Script(options, random, _items, null);
        return Render(options, random, script, script.Build(options.Minutes * 60));
    }

    /// <summary>
    /// A stream whose weight changes are <paramref name="actions"/>, in order, placed in the stops of a seeded trip with
    /// the usual disturbances (rolling, jostles, leans, the odd quick double add or never-settling reading):
    /// <c>Truth[i]</c> is <c>actions[i]</c>. It lasts until the last action's stop ends plus
    /// <see cref="ScriptTailSeconds"/> of quiet; <see cref="ScaleSignalOptions.Minutes"/> is not used.
    /// </summary>
    public ScaleStream Generate(ScaleSignalOptions options, IReadOnlyList<ScaleAction> actions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actions);
        var random = new Random(options.Seed);
        var script = new Script(options, random, _items, new Queue<ScaleAction>(actions));
        return Render(options, random, script, script.Build(double.PositiveInfinity));
    }

    private static ScaleStream Render(ScaleSignalOptions options, Random random, Script script, double duration)
    {
        var n = (int)Math.Round(duration * options.SampleRateHz);
        var grams = new double[n];
        var dt = 1 / options.SampleRateHz;
        var tare = options.TareErrorGrams * ((2 * random.NextDouble()) - 1);
        var tempPhase = 2 * Math.PI * random.NextDouble();
        var drift = 0.0;
        var driftStep = options.DriftGramsPerSqrtSecond * Math.Sqrt(dt);
        var effects = script.Effects.OrderBy(e => e.Start).ToArray();
        var active = new List<Effect>();
        var nextEffect = 0;
        var load = 0.0;
        for (var i = 0; i < n; i++)
        {
            var t = i * dt;
            while (nextEffect < effects.Length && effects[nextEffect].Start <= t)
            {
                active.Add(effects[nextEffect++]);
            }

            var value = 0.0;
            for (var k = active.Count - 1; k >= 0; k--)
            {
                var e = active[k];
                if (t >= e.End)
                {
                    load += e.Final;
                    active.RemoveAt(k);
                    continue;
                }

                value += e.Value(t - e.Start);
            }

            drift += driftStep * random.NextGaussian();
            var temperature = options.TemperatureOffsetGrams * Math.Sin((2 * Math.PI * t / options.TemperaturePeriodSeconds) + tempPhase);
            grams[i] = tare + drift + temperature + load + value + (options.NoiseGrams * random.NextGaussian());
        }

        return new ScaleStream(options.Seed, options.SampleRateHz, grams, script.Truth, script.MotionSeconds, script.Jostles, script.Leans);
    }

    /// <summary>Something the scale feels from <see cref="Start"/> to <see cref="End"/>; afterwards it leaves
    /// <see cref="Final"/> on the scale for good (an item's weight; zero for a disturbance).</summary>
    private sealed record Effect(double Start, double End, double Final, Func<double, double> Value);

    /// <summary>Draws the trip: segments, actions, disturbances, as effects plus ground truth.</summary>
    private sealed class Script(ScaleSignalOptions o, Random random, IReadOnlyList<(string Id, double Grams, bool Packaged)> items, Queue<ScaleAction>? scripted)
    {
        private readonly List<(double Grams, string Id, bool Packaged)> _inCart = [];
        private int _pairs;

        public List<Effect> Effects { get; } = [];

        public List<ScaleTruthEvent> Truth { get; } = [];

        public double MotionSeconds { get; private set; }

        public int Jostles { get; private set; }

        public int Leans { get; private set; }

        private double Load => _inCart.Sum(i => i.Grams);

        /// <returns>The stream's duration: <paramref name="duration"/>, or where a script ends.</returns>
        public double Build(double duration)
        {
            var t = 2.0; // a quiet start so the scale can take its first baseline
            var rolling = random.NextDouble() < 0.5;
            while (scripted is null ? t < duration : scripted.Count > 0)
            {
                var length = rolling ? Uniform(o.RollSeconds) : Uniform(o.StopSeconds);
                var end = Math.Min(duration, t + length);
                if (rolling)
                {
                    Roll(t, end);
                    MotionSeconds += end - t;
                }
                else
                {
                    Stop(t, end);
                }

                t = end;
                rolling = !rolling;
            }

            return scripted is null ? duration : t + ScriptTailSeconds;
        }

        private double Uniform((double Min, double Max) range) => range.Min + ((range.Max - range.Min) * random.NextDouble());

        private int Poisson(double mean)
        {
            var limit = Math.Exp(-mean);
            var k = 0;
            for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
            {
                k++;
            }

            return k;
        }

        private void Roll(double start, double end)
        {
            var a1 = Uniform(o.VibrationGrams);
            var a2 = Uniform(o.VibrationGrams);
            var f1 = Uniform(o.VibrationHz);
            var f2 = Uniform(o.VibrationHz);
            var p1 = 2 * Math.PI * random.NextDouble();
            var p2 = 2 * Math.PI * random.NextDouble();
            var white = new Random(random.Next());
            var noise = (a1 + a2) / 4;
            var length = end - start;
            Effects.Add(new Effect(start, end, 0, tau =>
            {
                var envelope = Math.Min(1, Math.Min(tau, length - tau) / 0.3);
                return envelope * ((a1 * Math.Sin((2 * Math.PI * f1 * tau) + p1)) + (a2 * Math.Sin((2 * Math.PI * f2 * tau) + p2))
                    + (noise * white.NextGaussian()));
            }));

            // Starting and stopping jerk the basket.
            var load = Load;
            Spike(start, 10 + (load * Uniform((0.01, 0.02))), (8, 20), (0.02, 0.08));
            Spike(end - 0.2, 10 + (load * Uniform((0.01, 0.02))), (8, 20), (0.02, 0.08));
            for (var k = Poisson(o.FloorBumpsPerSecond * length); k > 0; k--)
            {
                Spike(start + (length * random.NextDouble()), Uniform((5, 40)), (10, 25), (0.01, 0.04));
            }

            for (var k = Poisson(o.JostlesPerRollingSecond * length); k > 0; k--)
            {
                Jostle(start + (length * random.NextDouble()));
            }

            for (var k = Poisson(o.LeansPerRollingSecond * length); k > 0; k--)
            {
                Lean(start + ((length - 3) * random.NextDouble()));
            }
        }

        private void Stop(double start, double end)
        {
            // Slots SlotSeconds apart after a settling second; each holds at most one scripted thing.
            var slots = new List<double>();
            for (var s = start + 1.0; s + o.SlotSeconds <= end; s += o.SlotSeconds)
            {
                slots.Add(s + (0.5 * random.NextDouble()));
            }

            var actions = Math.Min(Math.Min(4, Poisson(o.ActionsPerStop)), slots.Count);
            var lean = random.NextDouble() < o.LeanProbabilityPerStop;
            var jostles = Poisson(o.JostlesPerStoppedSecond * (end - start));
            var used = 0;
            if (scripted is not null)
            {
                actions = Math.Min(actions, scripted.Count);
            }

            for (var a = 0; a < actions; a++)
            {
                var t = slots[used++];
                if (scripted is not null)
                {
                    if (!Scripted(t, end))
                    {
                        return;
                    }
                }
                else if (_inCart.Count > 0 && random.NextDouble() < o.RemoveProbability)
                {
                    Remove(t);
                }
                else if (random.NextDouble() < o.QuickDoubleProbability)
                {
                    var pair = ++_pairs;
                    Add(t, pair, false, end);
                    Add(t + Uniform(o.QuickDoubleGapSeconds), pair, false, end);
                }
                else if (random.NextDouble() < o.NeverSettleProbability)
                {
                    Add(t, null, true, end);
                    return; // the scale never settles for the rest of the stop: nothing else is scripted here
                }
                else
                {
                    Add(t, null, false, end);
                }
            }

            if (lean && used < slots.Count)
            {
                Lean(slots[used++]);
            }

            for (; jostles > 0 && used < slots.Count; jostles--)
            {
                Jostle(slots[used++]);
            }
        }

        /// <summary>Places the script's next action (or the next two adds as a quick double) at <paramref name="t"/>.</summary>
        /// <returns><c>false</c> when the reading never settles for the rest of the stop.</returns>
        private bool Scripted(double t, double stopEnd)
        {
            var next = scripted!.Dequeue();
            if (next.DeltaGrams < 0)
            {
                var k = _inCart.FindIndex(i => i.Id == next.ProductId);
                if (k >= 0)
                {
                    _inCart.RemoveAt(k);
                }

                Step(t, next.DeltaGrams);
                Truth.Add(new ScaleTruthEvent(t, next.DeltaGrams, next.Packaged, next.ProductId, null, false));
            }
            else if (scripted.Count > 0 && scripted.Peek().DeltaGrams >= 0 && random.NextDouble() < o.QuickDoubleProbability)
            {
                var pair = ++_pairs;
                Add(t, pair, false, stopEnd, next);
                Add(t + Uniform(o.QuickDoubleGapSeconds), pair, false, stopEnd, scripted.Dequeue());
            }
            else if (random.NextDouble() < o.NeverSettleProbability)
            {
                Add(t, null, true, stopEnd, next);
                return false;
            }
            else
            {
                Add(t, null, false, stopEnd, next);
            }

            return true;
        }

        private void Add(double t, int? pair, bool neverSettles, double stopEnd, ScaleAction? given = null)
        {
            string id;
            double grams;
            bool packaged;
            if (given is not null)
            {
                (id, grams, packaged) = (given.ProductId, given.DeltaGrams, given.Packaged);
            }
            else
            {
                (id, var unit, packaged) = items[random.Next(items.Count)];
                grams = packaged
                    ? unit * Math.Max(0.5, 1 + (0.01 * random.NextGaussian()))
                    : unit * Math.Exp(0.25 * random.NextGaussian());
            }

            _inCart.Add((grams, id, packaged));
            Step(t, grams);
            Truth.Add(new ScaleTruthEvent(t, grams, packaged, id, pair, neverSettles));
            if (neverSettles)
            {
                var a = Uniform((20, 80));
                var f1 = Uniform((1.5, 4));
                var f2 = Uniform((1.5, 4));
                var p = 2 * Math.PI * random.NextDouble();
                var length = Math.Max(4, stopEnd - t);
                Effects.Add(new Effect(t + 0.2, t + 0.2 + length, 0, tau =>
                {
                    var envelope = Math.Min(1, (length - tau) / 0.5);
                    return envelope * a * (Math.Sin(2 * Math.PI * f1 * tau) + (0.6 * Math.Sin((2 * Math.PI * f2 * tau) + p)));
                }));
            }
        }

        private void Remove(double t)
        {
            var k = random.Next(_inCart.Count);
            var (grams, id, packaged) = _inCart[k];
            _inCart.RemoveAt(k);
            Step(t, -grams);
            Truth.Add(new ScaleTruthEvent(t, -grams, packaged, id, null, false));
        }

        /// <summary>An item lands (or leaves): an under-damped step plus an impact overshoot.</summary>
        private void Step(double t, double grams)
        {
            var w = 2 * Math.PI * Uniform(o.RingHz);
            var decay = Uniform(o.RingDecaySeconds);
            var impact = Uniform(o.ImpactFraction) * Math.Abs(grams);
            Effects.Add(new Effect(t, t + (12 * decay), grams, tau =>
            {
                var e = Math.Exp(-tau / decay);
                return (grams * (1 - (e * (Math.Cos(w * tau) + (Math.Sin(w * tau) / (w * decay)))))) + (impact * e * Math.Sin(w * tau));
            }));
        }

        /// <summary>A short spike that comes back: a damped oscillation of random sign.</summary>
        private void Spike(double t, double amplitude, (double, double) hz, (double, double) decayRange)
        {
            var w = 2 * Math.PI * Uniform(hz);
            var decay = Uniform(decayRange);
            var a = random.NextDouble() < 0.5 ? -amplitude : amplitude;
            Effects.Add(new Effect(t, t + (12 * decay), 0, tau => a * Math.Exp(-tau / decay) * Math.Sin(w * tau)));
        }

        private void Jostle(double t)
        {
            Jostles++;
            Spike(t, Uniform(o.JostleGrams), (8, 20), (0.02, 0.08));
        }

        /// <summary>A shopper leans on (or pushes down) the handle: a raised-cosine bulge held a moment, then let go.
        /// The hand's force is never still: postural sway (0.5..3 Hz, 3 % of the force) and physiological tremor
        /// (8..12 Hz, 1 % of the force, at least 2 g), each a sinusoid of random phase.</summary>
        private void Lean(double t)
        {
            Leans++;
            var a = Uniform(o.LeanGrams);
            var rise = Uniform((0.1, 0.3));
            var hold = Uniform(o.LeanHoldSeconds);
            var fall = Uniform((0.1, 0.3));
            var swayHz = 2 * Math.PI * Uniform((0.5, 3));
            var tremorHz = 2 * Math.PI * Uniform((8, 12));
            var swayAmplitude = 0.03 * a * Math.Sqrt(2);
            var tremorAmplitude = Math.Max(2, 0.01 * a) * Math.Sqrt(2);
            var p1 = 2 * Math.PI * random.NextDouble();
            var p2 = 2 * Math.PI * random.NextDouble();
            Effects.Add(new Effect(t, t + rise + hold + fall, 0, tau =>
            {
                var envelope = tau < rise ? 0.5 * (1 - Math.Cos(Math.PI * tau / rise))
                    : tau < rise + hold ? 1
                    : 0.5 * (1 + Math.Cos(Math.PI * (tau - rise - hold) / fall));
                return envelope * (a + (swayAmplitude * Math.Sin((swayHz * tau) + p1)) + (tremorAmplitude * Math.Sin((tremorHz * tau) + p2)));
            }));
        }
    }
}

/// <summary>One scripted weight change: the item and its signed change in grams (negative for a removal).</summary>
public sealed record ScaleAction(string ProductId, double DeltaGrams, bool Packaged);
