using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Sessions;

/// <summary>A replayable shopping trip: events in order and the basket it should end with.</summary>
public sealed record CartSession(string Id, IReadOnlyList<CartEvent> Events, IReadOnlyList<BasketLine> Expected)
{
    /// <summary>Ground truth per event (product id), when the simulator knows it; not part of the replay input.</summary>
    public IReadOnlyList<string?>? EventTruth { get; init; }
}
