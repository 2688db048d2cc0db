using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Resolutions;

/// <summary>Decides a cart event from what the cart's cameras saw before and after it (one pair per camera).</summary>
public interface ICameraFramesResolver
{
    /// <param name="cartEvent">The event; its weight delta may be <c>null</c>.</param>
    /// <param name="frames">One before/after pair per camera, encoded.</param>
    /// <param name="basket">The basket before the event; read-only here.</param>
    /// <exception cref="Vision.InvalidImageException">A frame does not decode.</exception>
    Resolution Resolve(CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket);
}
