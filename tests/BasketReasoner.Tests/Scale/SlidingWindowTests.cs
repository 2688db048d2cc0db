using BasketReasoner.Core.Scale;
using FsCheck;
using FsCheck.Xunit;

namespace BasketReasoner.Tests.Scale;

public sealed class SlidingWindowTests
{
    [Property(MaxTest = 200)]
    public void Add_AnySequence_MatchesStatisticsRecomputedFromScratch(NormalFloat[] values, PositiveInt size)
    {
        var capacity = 2 + (size.Get % 30);
        var recent = 1 + (size.Get % capacity);
        var window = new SlidingWindow(capacity, recent);
        var xs = values.Select(v => Math.Clamp(v.Get, -1e5, 1e5)).ToList();
        for (var i = 0; i < xs.Count; i++)
        {
            window.Add(xs[i]);
            var held = xs.Take(i + 1).TakeLast(capacity).ToArray();
            var mean = held.Average();
            Assert.Equal(mean, window.Mean, 1e-6 * (1 + Math.Abs(mean)));
            Assert.Equal(held.Select(x => (x - mean) * (x - mean)).Average(), window.Variance, 1e-3);
            Assert.Equal(held.TakeLast(recent).Average(), window.RecentMean, 1e-6 * (1 + Math.Abs(mean)));
            if (window.IsFull)
            {
                Assert.Equal(held.TakeLast(capacity / 2).Average(), window.NewerHalfMean, 1e-6 * (1 + Math.Abs(mean)));
                Assert.Equal(held.Take(capacity - (capacity / 2)).Average(), window.OlderHalfMean, 1e-6 * (1 + Math.Abs(mean)));
            }
        }
    }

    [Fact]
    public void Add_MoreThanResyncInterval_StaysExact()
    {
        var window = new SlidingWindow(15, 3);
        for (var i = 0; i < 200_000; i++)
        {
            window.Add(10_000 + (i % 7));
        }

        // The last 15 values of i % 7 for i = 199985..199999.
        var held = Enumerable.Range(199_985, 15).Select(i => 10_000.0 + (i % 7)).ToArray();
        Assert.Equal(held.Average(), window.Mean, 9);
        Assert.Equal(held.Select(x => Math.Pow(x - held.Average(), 2)).Average(), window.Variance, 6);
    }
}
