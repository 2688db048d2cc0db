using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Core.Baskets;

/// <summary>What applying a resolution did to the basket.</summary>
/// <param name="AppliedProductId">The line that changed, or <c>null</c> when nothing could be removed.</param>
/// <param name="Reconciled"><c>true</c> when a removal took a different line than the resolved product.</param>
public sealed record BasketChange(string? AppliedProductId, bool Reconciled);

/// <summary>
/// Applies a resolution to a basket. A removal of a product the basket does not hold means an earlier add was
/// recorded as the wrong product: the item leaving is one the cart holds, so the line taken out is the most
/// probable candidate that is in the basket. That keeps the basket true to what physically remains, while the
/// resolution still says what was seen leaving.
/// </summary>
public static class BasketUpdate
{
    public static BasketChange Apply(Basket basket, Resolution resolution)
    {
        if (resolution.Type == CartEventType.Add)
        {
            basket.Add(resolution.ProductId);
            return new BasketChange(resolution.ProductId, false);
        }

        if (basket.Remove(resolution.ProductId))
        {
            return new BasketChange(resolution.ProductId, false);
        }

        foreach (var c in resolution.Candidates)
        {
            if (basket.Remove(c.ProductId))
            {
                return new BasketChange(c.ProductId, true);
            }
        }

        return new BasketChange(null, false);
    }
}
