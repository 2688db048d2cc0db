using System.Collections.Concurrent;
using System.Threading.Channels;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Server.Api;

namespace BasketReasoner.Server.Carts;

/// <summary>One cart's live state. Mutated only under <see cref="Gate"/> (one writer per cart).</summary>
internal sealed class CartState(string id)
{
    public string Id { get; } = id;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Basket Basket { get; } = new();

    /// <summary>What the scale measured for each product's units, so loose produce is charged by its weight.</summary>
    public WeighingLedger Weighing { get; } = new();

    /// <summary>Acknowledged event results by event id: a retry returns the stored body byte for byte.</summary>
    public Dictionary<string, string> EventResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Fingerprints of the acknowledged event requests (<see cref="RequestFingerprint"/>), by event id.</summary>
    public Dictionary<string, string?> EventFingerprints { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Ids of frames accepted by <c>POST /frames</c> and not yet resolved (waiting for their weight, or joined and
    /// queued), with their fingerprint (<see cref="RequestFingerprint.OfFrame"/>). <c>/events</c> and <c>/frames</c> share
    /// one id space: an event posted with such an id is a 409, never acknowledged and then dropped when the frame joins.
    /// Guarded by the <see cref="EventResults"/> lock; memory only, like the waiting frames themselves.
    /// </summary>
    public Dictionary<string, string> FrameClaims { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Ids of events being decided under the cart's gate and not yet recorded: a frame posted with one is a 409. Guarded
    /// by the <see cref="EventResults"/> lock.
    /// </summary>
    public HashSet<string> InFlight { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ConfirmResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Each confirmation's answer (<see cref="RequestFingerprint.OfAnswer"/>), by event id.</summary>
    public Dictionary<string, string?> ConfirmFingerprints { get; } = new(StringComparer.Ordinal);

    /// <summary>Event requests admitted for this cart and not yet answered (waiting for the gate or resolving).</summary>
    public int Admitted;

    /// <summary>
    /// Acknowledged events whose label text is being read off the request path (status <c>refining</c>), by event
    /// id: not in the basket and not yet shown to the shopper. Each leaves when its refined decision is logged.
    /// </summary>
    public Dictionary<string, EventResult> Refining { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds the shopper closed with "none of these" / "not in the store": the cameras saw an item go in, and the scale
    /// its weight, but nothing was billed. Kept, and shown on the basket, so staff can check it at the exit; one leaves
    /// when a removal closed the same way weighs what it weighed (the item came back out). Rebuilt by replay alike.
    /// </summary>
    public List<UnbilledItem> Unbilled { get; } = [];

    /// <summary>
    /// Removals that weighed more than they could take off the bill (<see cref="TakenOut.UnexplainedG"/>): shown on the
    /// basket for staff, never silently dropped. Rebuilt by replay alike.
    /// </summary>
    public List<UnreconciledRemoval> Unreconciled { get; } = [];

    /// <summary>Events waiting for the shopper, oldest first.</summary>
    public List<EventResult> Pending { get; } = [];

    /// <summary>
    /// The frames of the events in <see cref="Pending"/>, by event id, kept until the shopper answers so the answer
    /// becomes a labelled example with its pictures. Bounded like <see cref="Pending"/> (<c>Server:MaxPendingConfirmations</c>);
    /// not in the log, so an event left pending across a restart is confirmed without frames.
    /// </summary>
    public Dictionary<string, IReadOnlyList<ReadOnlyMemory<byte>>> PendingFrames { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Each event's place in the cart's log (its first record, 0-based), by event id: a removal is decided against what
    /// the cart held when it was acknowledged, never an add or a line that came after it. Rebuilt by replay alike.
    /// </summary>
    public Dictionary<string, int> Order { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per basket line, the <see cref="Order"/> of the event that put each of its units in (one entry per unit, kept in
    /// step with <see cref="Basket"/>), so a removal only takes a unit that was there before it.
    /// </summary>
    public Dictionary<string, List<int>> UnitOrders { get; } = new(StringComparer.Ordinal);

    /// <summary>The log order of <paramref name="eventId"/>; an event not yet logged comes after everything.</summary>
    public int OrderOf(string eventId) => Order.TryGetValue(eventId, out var o) ? o : int.MaxValue;

    /// <summary>The basket as a removal of log order <paramref name="order"/> may take from it: the units put in before it that are still there.</summary>
    public Basket BasketBefore(int order)
    {
        var held = new Basket();
        foreach (var line in Basket.Lines())
        {
            var qty = UnitOrders.TryGetValue(line.Product, out var units) ? units.Count(u => u < order) : line.Qty;
            if (qty > 0)
            {
                held.Add(line.Product, qty);
            }
        }

        return held;
    }

    public ConcurrentDictionary<Guid, Channel<ServerEvent>> Subscribers { get; } = new();

    public void Publish(ServerEvent e)
    {
        foreach (var s in Subscribers.Values)
        {
            s.Writer.TryWrite(e);
        }
    }
}
