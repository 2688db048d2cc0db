using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Evidence;

/// <summary>
/// An evidence source that keeps learning from events whose product is known for sure (a shopper's confirmation,
/// a labelled session): the cart service's confirmation path hands every such event to every learning source.
/// </summary>
public interface ILearningEvidenceSource : IEvidenceSource
{
    /// <summary>Learns that <paramref name="cartEvent"/> was <paramref name="productId"/>. Thread-safe; unknown products are ignored.</summary>
    void Learn(CartEvent cartEvent, string productId);
}
