using BasketReasoner.Client;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Scale;
using BasketReasoner.Eval.Driving;
using BasketReasoner.Eval.Scale;
using BasketReasoner.Eval.Simulation;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Sensors;

/// <summary><c>basket cart</c>'s library entry point (<see cref="CartFleet"/>) driving two carts of a live server.</summary>
[Collection(ServerCollection.Name)]
public sealed class CartFleetTests(ServerFixture fx)
{
    [Fact]
    public async Task RunAsync_QuietSignal_EveryChangeRecalledNoPhantomsEveryFrameWeighed()
    {
        // No jostles, leans, quick doubles or never-settling readings: the detector has nothing to get wrong.
        var signal = new ScaleSignalOptions
        {
            Seed = 21, JostlesPerRollingSecond = 0, JostlesPerStoppedSecond = 0, LeansPerRollingSecond = 0, LeanProbabilityPerStop = 0,
            QuickDoubleProbability = 0, NeverSettleProbability = 0, FloorBumpsPerSecond = 0,
        };
        var (report, trips) = await RunTwoCartsAsync(signal);

        Assert.Equal(trips.Sum(t => t.Events.Count), report.Scale.TruthEvents);
        Assert.Equal(1.0, report.Scale.Recall);
        Assert.Equal(0, report.Scale.Phantoms);
        Assert.Equal(report.Scale.TruthEvents, report.Scale.Detections);
        foreach (var cart in report.Carts)
        {
            Assert.Equal(cart.Trip.Events.Count, cart.Resolved);
            Assert.Equal(0, cart.Unweighted);
            Assert.Equal(0, cart.DroppedWeightEvents);

            // The basket is exactly the trip's when every event ended right, and only then.
            Assert.Equal(cart.EventsRight == cart.Trip.Events.Count, cart.BasketExact);
        }
    }

    [Fact]
    public async Task RunAsync_DisturbedSignal_ServersEventsAndScoresEqualTheDetectorRunOffline()
    {
        var (report, trips) = await RunTwoCartsAsync(new ScaleSignalOptions { Seed = 5, LeanProbabilityPerStop = 0.8, JostlesPerStoppedSecond = 0.1 });

        var offline = new ScaleScorer();
        for (var k = 0; k < trips.Count; k++)
        {
            var stream = trips[k].Stream;
            var detector = new WeightEventDetector();
            var expected = new List<WeightEvent>();
            for (var i = 0; i < stream.Grams.Length; i++)
            {
                if (detector.TryPush(stream.TimeOf(i), stream.Grams[i], out var e))
                {
                    expected.Add(e);
                }
            }

            var served = report.Carts[k].Detected;
            Assert.Equal(expected.Count, served.Count);
            for (var j = 0; j < expected.Count; j++)
            {
                Assert.Equal(expected[j].OnsetSeconds, served[j].OnsetSeconds, 6);
                Assert.Equal(expected[j].DeltaGrams ?? double.NaN, served[j].DeltaGrams ?? double.NaN, 6);
                Assert.Equal(expected[j].Settled, served[j].Settled);
            }

            offline.Add(stream.Truth, expected, stream.DurationSeconds, stream.MotionSeconds, stream.Jostles, stream.Leans, stream.Seed);
        }

        var want = offline.Report();
        Assert.True(want.Leans + want.Jostles > 0, "the seed should disturb the scale");
        Assert.Equal(want.Recall, report.Scale.Recall);
        Assert.Equal(want.Phantoms, report.Scale.Phantoms);
        Assert.Equal(want.Missed, report.Scale.Missed);
        Assert.Equal(want.Detections, report.Scale.Detections);
        Assert.Equal(report.Carts.Sum(c => c.Trip.Events.Count), report.Carts.Sum(c => c.Resolved));
    }

    private async Task<(CartFleetReport Report, IReadOnlyList<CartTrip> Trips)> RunTwoCartsAsync(ScaleSignalOptions signal)
    {
        await using var server = await fx.StartAsync();
        using var a = server.Client(ServerFixture.KeyA);
        using var b = server.Client(ServerFixture.KeyB);
        var catalog = fx.Pipeline.Catalog;
        var sessions = new SessionSimulator(catalog, SplitFile.Read(Path.GetDirectoryName(fx.Images)!, "test"), new SimulatorOptions { Seed = 3, MinAdds = 2, MaxAdds = 3 })
            .Generate(2);
        var options = new CartDriveOptions { Speed = 1000, BatchMs = 1000, Signal = signal };
        var trips = CartFleet.Plan(sessions, 2, catalog, options);
        var clients = new Dictionary<string, ICartApiClient> { ["cart-a"] = new CartApiClient(a), ["cart-b"] = new CartApiClient(b) };
        var report = await CartFleet.RunAsync(["cart-a", "cart-b"], id => clients[id], trips, fx.Images, options);
        return (report, trips);
    }
}
