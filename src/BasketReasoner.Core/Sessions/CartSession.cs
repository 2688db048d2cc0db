using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Core.Sessions;

/// <summary>A replayable shopping trip: events in order and the basket it should end with.</summary>
public sealed record CartSession(string Id, IReadOnlyList<CartEvent> Events, IReadOnlyList<BasketLine> Expected)
{
    /// <summary>Ground truth per event (product id), when the simulator knows it; not part of the replay input.</summary>
    public IReadOnlyList<string?>? EventTruth { get; init; }

    /// <summary>
    /// Ground truth per event and camera (in the order of that event's <see cref="CartEvent.Frames"/>): the box of
    /// the item that arrived (add, in the after frame) or left (remove, in the before frame), <c>null</c> where it is
    /// not visible enough; an event without frames or targets has <c>null</c>. Not part of the replay input.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ItemBox?>?>? FrameTruth { get; init; }
}
