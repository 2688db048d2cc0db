using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Evidence;

/// <summary>
/// An evidence source that keeps learning from events whose product is known for sure (a shopper's confirmation,
/// a labelled session): the cart service's confirmation path hands every such event to every learning source.
/// </summary>
public interface ILearningEvidenceSource : IEvidenceSource
{
    /// <summary>Learns that <paramref name="cartEvent"/> was <paramref name="productId"/>. Thread-safe; unknown products are ignored.</summary>
    /// <param name="cartEvent">The event, with the weight it measured.</param>
    /// <param name="productId">The product it was, for sure.</param>
    /// <param name="contributor">
    /// Who taught it (the cart service passes the cart's id): a source may cap how much one contributor teaches, so a
    /// single cart cannot move what every cart is judged by.
    /// </param>
    void Learn(CartEvent cartEvent, string productId, string contributor);
}
