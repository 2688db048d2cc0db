using BasketReasoner.Server.Telemetry;

namespace BasketReasoner.Server.Carts;

/// <summary>
/// Load shedding in front of the resolver pool: at most <c>workers + Server:MaxQueuedEvents</c> event requests are
/// admitted server-wide and <c>Server:MaxQueuedEventsPerCart</c> per cart; the rest are refused at once (503 / 429 with
/// <c>Retry-After</c>) instead of queueing without bound, so accepted events keep a bounded latency under overload.
/// A replayed event id is answered without admission. Thread-safe, lock-free.
/// </summary>
internal sealed class EventAdmission(int capacity, int perCart, ServerMetrics metrics)
{
    private int _admitted;

    /// <summary>Event requests admitted server-wide right now.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Admits one event request for <paramref name="cart"/>; dispose the result when it is answered.</summary>
    /// <exception cref="CartRejectedException">The server or the cart is at its limit (nothing changed).</exception>
    public Ticket Enter(CartState cart)
    {
        if (Interlocked.Increment(ref cart.Admitted) > perCart)
        {
            Interlocked.Decrement(ref cart.Admitted);
            metrics.Shed.Add(1, new KeyValuePair<string, object?>("reason", "cart_queue"));
            throw new CartRejectedException(429, $"Cart '{cart.Id}' already has {perCart} events waiting to be resolved; retry shortly.", TimeSpan.FromSeconds(1));
        }

        if (Interlocked.Increment(ref _admitted) > capacity)
        {
            Interlocked.Decrement(ref _admitted);
            Interlocked.Decrement(ref cart.Admitted);
            metrics.Shed.Add(1, new KeyValuePair<string, object?>("reason", "server_queue"));
            throw new CartRejectedException(503, $"The server is resolving and queueing {capacity} events already; retry shortly.", TimeSpan.FromSeconds(1));
        }

        return new Ticket(this, cart);
    }

    /// <summary>One admitted request; disposing it frees its place (once).</summary>
    public sealed class Ticket(EventAdmission admission, CartState cart) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref admission._admitted);
                Interlocked.Decrement(ref cart.Admitted);
            }
        }
    }
}
