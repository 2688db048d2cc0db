using System.Diagnostics;
using System.Globalization;
using BasketReasoner.Core.Scale;
using BasketReasoner.Eval.Scale;

// Samples per second of the weight-event detector on ONE core (run it pinned: bench/run-scale.sh does), against
// a naive reference that recomputes the window statistics from scratch per sample, measured in the same run on the
// same simulated stream (seed 1, 30 minutes at 100 Hz, built-in items). Allocation per sample is measured too.
var args2 = args.ToList();
string? Arg(string name) => args2.IndexOf(name) is var i and >= 0 && i + 1 < args2.Count ? args2[i + 1] : null;
var passes = int.Parse(Arg("--passes") ?? "20", CultureInfo.InvariantCulture);
var stream = new ScaleSimulator().Generate(new ScaleSignalOptions { Seed = 1, Minutes = 30 });
var grams = stream.Grams;
var n = grams.Length;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stream: {n:N0} samples ({stream.DurationSeconds / 60:F0} min at {stream.SampleRateHz} Hz), {passes} passes each, best of 5 rounds"));

double Ours(out int events, out long bytes)
{
    var detector = new WeightEventDetector();
    events = 0;
    var before = GC.GetAllocatedBytesForCurrentThread();
    var start = Stopwatch.GetTimestamp();
    var offset = 0.0;
    for (var p = 0; p < passes; p++)
    {
        for (var i = 0; i < n; i++)
        {
            if (detector.TryPush(offset + (i * 0.01), grams[i], out _))
            {
                events++;
            }
        }

        offset += n * 0.01;
    }

    var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    bytes = GC.GetAllocatedBytesForCurrentThread() - before;
    return (double)n * passes / seconds;
}

double Naive(out int events)
{
    var detector = new NaiveDetector();
    events = 0;
    var start = Stopwatch.GetTimestamp();
    var offset = 0.0;
    for (var p = 0; p < passes; p++)
    {
        for (var i = 0; i < n; i++)
        {
            if (detector.Push(offset + (i * 0.01), grams[i]))
            {
                events++;
            }
        }

        offset += n * 0.01;
    }

    return (double)n * passes / Stopwatch.GetElapsedTime(start).TotalSeconds;
}

// Warm up both (tiered JIT reaches its optimised code), then take the best of five rounds.
Ours(out _, out _);
Naive(out _);
double best = 0, bestNaive = 0;
int events = 0, naiveEvents = 0;
long bytes = 0;
for (var round = 0; round < 5; round++)
{
    best = Math.Max(best, Ours(out events, out bytes));
    bestNaive = Math.Max(bestNaive, Naive(out naiveEvents));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"detector   : {best / 1e6,7:F1} M samples/s  ({1e9 / best:F1} ns/sample), {events / passes} events per pass, {(double)bytes / ((double)n * passes):F4} bytes allocated per sample"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"naive ref. : {bestNaive / 1e6,7:F1} M samples/s  ({1e9 / bestNaive:F1} ns/sample), {naiveEvents / passes} events per pass"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio      : {best / bestNaive:F2}x the reference; one core at this rate keeps up with {best / 100:N0} scales at 100 Hz"));
