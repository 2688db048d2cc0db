using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;

namespace BasketReasoner.Tests.Sessions;

/// <summary>Hand-written sessions: the events as given, the expected basket and the per-event truth they imply.</summary>
internal static class TestSessions
{
    /// <param name="id">Session id.</param>
    /// <param name="events">Each event's type, true product and frame number (frames are <c>test/P/{product}/{product}_{frame:000}.jpg</c>, 100 g).</param>
    public static CartSession Of(string id, params (CartEventType Type, string Product, int Frame)[] events)
    {
        var list = events.Select((e, i) => new CartEvent(i + 1, e.Type, $"test/P/{e.Product}/{e.Product}_{e.Frame:000}.jpg", 100)).ToArray();
        var basket = new Basket();
        foreach (var e in events)
        {
            if (e.Type == CartEventType.Add)
            {
                basket.Add(e.Product);
            }
            else
            {
                basket.Remove(e.Product);
            }
        }

        return new CartSession(id, list, basket.Lines()) { EventTruth = events.Select(e => (string?)e.Product).ToArray() };
    }
}
