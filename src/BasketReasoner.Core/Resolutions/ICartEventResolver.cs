using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Resolutions;

/// <summary>Decides which product a cart event is about, from its frame, its weight delta and the basket so far.</summary>
public interface ICartEventResolver
{
    /// <param name="cartEvent">The event; its weight delta may be <c>null</c>.</param>
    /// <param name="encodedImage">The camera frame (JPEG/PNG bytes).</param>
    /// <param name="basket">The basket before the event; read-only here (removals can only take what is in it).</param>
    Resolution Resolve(CartEvent cartEvent, ReadOnlySpan<byte> encodedImage, Basket basket);
}
