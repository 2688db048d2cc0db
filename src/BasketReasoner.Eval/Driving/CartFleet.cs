using BasketReasoner.Client;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Scale;

namespace BasketReasoner.Eval.Driving;

/// <summary>
/// Several carts at once against one running server (<c>basket cart</c>): each takes its share of the sessions as
/// one trip (<see cref="CartTrip"/>), plays it (<see cref="CartDriver"/>), and the whole run is scored: weight-event
/// recall and phantoms of the server's detector against the simulator's truth (<see cref="ScaleScorer"/>, one stream
/// per cart), and every cart's basket against its trip's expected basket.
/// </summary>
public static class CartFleet
{
    /// <summary>Splits <paramref name="sessions"/> among the carts (cart k takes sessions k, k + n, …) and builds the trips.</summary>
    /// <exception cref="ArgumentException">Fewer sessions than carts × sessions per cart.</exception>
    public static IReadOnlyList<CartTrip> Plan(IReadOnlyList<CartSession> sessions, int carts, ProductCatalog catalog, CartDriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(carts, 1);
        var trips = new List<CartTrip>(carts);
        for (var k = 0; k < carts; k++)
        {
            var share = sessions.Where((_, i) => i % carts == k).ToList();
            var signal = options.Signal with { Seed = options.Signal.Seed + k };
            var count = Math.Min(share.Count, options.SessionsPerCart);
            if (count < 1 || (options.Minutes is null && share.Count < options.SessionsPerCart))
            {
                throw new ArgumentException($"{sessions.Count} sessions are too few for {carts} carts × {options.SessionsPerCart} sessions.", nameof(sessions));
            }

            var trip = CartTrip.Of(share.Take(count).ToList(), catalog, signal);
            if (options.Minutes is { } minutes)
            {
                // The least number of sessions whose stream lasts the minutes asked for (the share allowing).
                for (count = 1; count <= share.Count; count++)
                {
                    trip = CartTrip.Of(share.Take(count).ToList(), catalog, signal);
                    if (trip.Stream.DurationSeconds >= minutes * 60)
                    {
                        break;
                    }
                }
            }

            trips.Add(trip);
        }

        return trips;
    }

    /// <summary>Plays every trip at once, cart k on <paramref name="carts"/>[k], and scores the run.</summary>
    /// <param name="clientFor">The typed client holding cart k's key.</param>
    public static async Task<CartFleetReport> RunAsync(IReadOnlyList<string> carts, Func<string, ICartApiClient> clientFor, IReadOnlyList<CartTrip> trips,
        string imagesFolder, CartDriveOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(carts);
        ArgumentNullException.ThrowIfNull(clientFor);
        ArgumentNullException.ThrowIfNull(trips);
        if (carts.Count != trips.Count)
        {
            throw new ArgumentException($"{carts.Count} carts for {trips.Count} trips.", nameof(carts));
        }

        var started = DateTimeOffset.UtcNow;
        var runs = await Task.WhenAll(carts.Select((cart, k) => new CartDriver(clientFor(cart), cart, trips[k], imagesFolder, options).RunAsync(ct))).ConfigureAwait(false);
        var scorer = new ScaleScorer();
        foreach (var run in runs)
        {
            var s = run.Trip.Stream;
            scorer.Add(s.Truth, run.Detected, s.DurationSeconds, s.MotionSeconds, s.Jostles, s.Leans, s.Seed);
        }

        return new CartFleetReport(runs, scorer.Report(), (DateTimeOffset.UtcNow - started).TotalSeconds);
    }
}

/// <summary>A <see cref="CartFleet"/> run: each cart's run, the detector's score over all carts and the wall time.</summary>
public sealed record CartFleetReport(IReadOnlyList<CartRun> Carts, ScaleReport Scale, double WallSeconds)
{
    public int BasketsExact => Carts.Count(c => c.BasketExact);

    public int Events => Carts.Sum(c => c.Trip.Events.Count);

    public int EventsRight => Carts.Sum(c => c.EventsRight);
}
