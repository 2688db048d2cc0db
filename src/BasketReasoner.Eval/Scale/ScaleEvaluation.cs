using BasketReasoner.Core.Scale;

namespace BasketReasoner.Eval.Scale;

/// <summary>Runs the detector over simulated streams of several seeds and scores it.</summary>
public static class ScaleEvaluation
{
    /// <summary>Seeds the detector's defaults were tuned on (see <c>eval/SCALE.md</c>).</summary>
    public static readonly IReadOnlyList<int> TuningSeeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>Seeds reported as held out: never looked at while tuning.</summary>
    public static readonly IReadOnlyList<int> HeldOutSeeds = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120];

    /// <summary>Every event the detector emits over a stream, <see cref="WeightEventDetector.Flush"/> included.</summary>
    public static List<WeightEvent> Detect(ScaleStream stream, WeightEventDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var detector = new WeightEventDetector((options ?? new WeightEventDetectorOptions()) with { SampleRateHz = stream.SampleRateHz });
        var events = new List<WeightEvent>();
        for (var i = 0; i < stream.Grams.Length; i++)
        {
            if (detector.TryPush(stream.TimeOf(i), stream.Grams[i], out var e))
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

    public static ScaleReport Run(ScaleSimulator simulator, IEnumerable<int> seeds, ScaleSignalOptions signal, WeightEventDetectorOptions? detector = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(signal);
        var scorer = new ScaleScorer();
        foreach (var seed in seeds)
        {
            var stream = simulator.Generate(signal with { Seed = seed });
            scorer.Add(stream.Truth, Detect(stream, detector), stream.DurationSeconds, stream.MotionSeconds, stream.Jostles, stream.Leans, seed);
        }

        return scorer.Report();
    }
}
