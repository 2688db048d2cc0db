using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Simulation;

namespace BasketReasoner.Tests.Sessions;

public sealed class SessionSimulatorTests
{
    private static readonly Core.Catalog.ProductCatalog Catalog = TestCatalog.Create();

    private static IReadOnlyList<CartSession> Simulate(int count, SimulatorOptions? options = null) =>
        new SessionSimulator(Catalog, TestCatalog.Images(Catalog), options).Generate(count);

    private static string[] Lines(IEnumerable<CartSession> sessions) => sessions.Select(SessionFile.ToLine).ToArray();

    [Fact]
    public void Generate_SameSeed_SameOutput()
    {
        Assert.Equal(Lines(Simulate(50, new SimulatorOptions { Seed = 11 })), Lines(Simulate(50, new SimulatorOptions { Seed = 11 })));
    }

    [Fact]
    public void Generate_CalledTwiceOnOneSimulator_SameOutput()
    {
        var simulator = new SessionSimulator(Catalog, TestCatalog.Images(Catalog));

        Assert.Equal(Lines(simulator.Generate(20)), Lines(simulator.Generate(20)));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentOutput()
    {
        Assert.NotEqual(Lines(Simulate(50, new SimulatorOptions { Seed = 1 })), Lines(Simulate(50, new SimulatorOptions { Seed = 2 })));
    }

    [Fact]
    public void Generate_Ids_AreNumberedWithPrefix()
    {
        Assert.Equal(["s-1", "s-2", "s-3"], Simulate(3).Select(s => s.Id));
    }

    [Fact]
    public void Generate_ExpectedBasket_EqualsReplayingTruth()
    {
        foreach (var session in Simulate(300))
        {
            var basket = new Basket();
            for (var i = 0; i < session.Events.Count; i++)
            {
                var product = session.EventTruth![i]!;
                if (session.Events[i].Type == CartEventType.Add)
                {
                    basket.Add(product);
                }
                else
                {
                    Assert.True(basket.Remove(product), $"{session.Id} event {i + 1} removes {product}, which is not in the basket");
                }
            }

            Assert.True(basket.Matches(session.Expected), session.Id);
        }
    }

    [Fact]
    public void Generate_Removes_OnlyOnceBasketHoldsTwoUnits()
    {
        var sessions = Simulate(300);
        foreach (var session in sessions)
        {
            var units = 0;
            foreach (var e in session.Events)
            {
                if (e.Type == CartEventType.Remove)
                {
                    Assert.True(units >= 2, $"{session.Id} removes at seq {e.Seq} with {units} units");
                    units--;
                }
                else
                {
                    units++;
                }
            }
        }

        Assert.Contains(sessions.SelectMany(s => s.Events), e => e.Type == CartEventType.Remove);
    }

    [Fact]
    public void Generate_Images_AreFromTheSplitAndOfTheTrueProduct()
    {
        var images = TestCatalog.Images(Catalog);
        var classOf = images.ToDictionary(i => i.Path, i => i.ClassIndex);
        foreach (var session in Simulate(200))
        {
            for (var i = 0; i < session.Events.Count; i++)
            {
                Assert.True(classOf.TryGetValue(session.Events[i].Image, out var classIndex), session.Events[i].Image);
                Assert.Equal(session.EventTruth![i], Catalog[classIndex].Id);
            }
        }
    }

    [Fact]
    public void Generate_Images_NotReusedWithinSessionWhileUnusedRemain()
    {
        var perProduct = TestCatalog.Images(Catalog).GroupBy(i => Catalog[i.ClassIndex].Id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var session in Simulate(300))
        {
            foreach (var group in session.Events.Select((e, i) => (e.Image, Product: session.EventTruth![i]!)).GroupBy(x => x.Product))
            {
                var frames = group.Select(x => x.Image).ToArray();
                Assert.Equal(Math.Min(frames.Length, perProduct[group.Key]), frames.Distinct().Count());
            }
        }
    }

    [Fact]
    public void Generate_AddsPerSession_WithinConfiguredRangeAndSpanIt()
    {
        var adds = Simulate(400, new SimulatorOptions { MinAdds = 2, MaxAdds = 5 })
            .Select(s => s.Events.Count(e => e.Type == CartEventType.Add))
            .ToArray();

        Assert.All(adds, n => Assert.InRange(n, 2, 5));
        Assert.Equal([2, 3, 4, 5], adds.Distinct().Order());
    }

    [Fact]
    public void Generate_Repeats_GiveQuantitiesAboveOne()
    {
        var quantities = Simulate(200).SelectMany(s => s.Expected).Select(l => l.Qty).ToArray();

        Assert.Contains(quantities, q => q >= 2);
        Assert.Contains(quantities, q => q >= 3);
    }

    [Theory]
    [InlineData(0.03)]
    [InlineData(0.2)]
    public void Generate_NullWeightRate_RoughlyAsConfigured(double rate)
    {
        var events = Simulate(2000, new SimulatorOptions { UnsettledProbability = rate }).SelectMany(s => s.Events).ToArray();
        var observed = (double)events.Count(e => e.WeightDeltaGrams is null) / events.Length;

        // ~15 000 events: 4 standard errors is under 0.015 even at 20 %.
        Assert.InRange(observed, rate - 0.015, rate + 0.015);
    }

    [Fact]
    public void Generate_NoUnsettling_EveryWeightPresentAndSignedByType()
    {
        var events = Simulate(200, new SimulatorOptions { UnsettledProbability = 0 }).SelectMany(s => s.Events);

        Assert.All(events, e => Assert.True(e.Type == CartEventType.Add ? e.WeightDeltaGrams > 0 : e.WeightDeltaGrams < 0));
    }

    [Fact]
    public void Generate_RemovedUnit_WeighsWhatItWeighedWhenAdded()
    {
        var options = new SimulatorOptions { UnsettledProbability = 0, ScaleNoiseGrams = 0, LooseLogSigma = 0.3 };
        var checkedAny = false;
        foreach (var session in Simulate(200, options))
        {
            for (var i = 0; i < session.Events.Count; i++)
            {
                var e = session.Events[i];
                if (e.Type == CartEventType.Remove)
                {
                    var addedWeights = session.Events.Take(i)
                        .Where((a, j) => a.Type == CartEventType.Add && session.EventTruth![j] == session.EventTruth![i])
                        .Select(a => a.WeightDeltaGrams!.Value);
                    Assert.Contains(addedWeights, w => Math.Abs(w + e.WeightDeltaGrams!.Value) < 1e-9);
                    checkedAny = true;
                }
            }
        }

        Assert.True(checkedAny);
    }

    [Fact]
    public void Generate_ZeroSessions_IsEmpty()
    {
        Assert.Empty(Simulate(0));
    }

    [Fact]
    public void Constructor_ImageOfClassNotInCatalog_Throws()
    {
        var images = TestCatalog.Images(Catalog).Append(new SplitImage("test/x/Unknown_001.jpg", 99)).ToArray();

        var ex = Assert.Throws<ArgumentException>(() => new SessionSimulator(Catalog, images));
        Assert.Contains("Unknown_001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoImages_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SessionSimulator(Catalog, []));
    }

    [Fact]
    public void Constructor_MaxBelowMin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SessionSimulator(Catalog, TestCatalog.Images(Catalog), new SimulatorOptions { MinAdds = 5, MaxAdds = 4 }));
    }

    [Fact]
    public void Products_OnlyThoseWithImagesInSplit()
    {
        var images = TestCatalog.Images(Catalog).Where(i => i.ClassIndex != 2).ToArray();
        var simulator = new SessionSimulator(Catalog, images);

        Assert.DoesNotContain(simulator.Products, p => p.Id == "Arla-Standard-Milk");
        Assert.DoesNotContain(simulator.Generate(100).SelectMany(s => s.EventTruth!), id => id == "Arla-Standard-Milk");
    }
}
