using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Reasoning.Escalation;

/// <summary>
/// A removal the chain decided as a product the basket does not hold: something else must be leaving, and the cart
/// cannot tell which line on its own (taking out "the likeliest line the basket holds" once removed a banana when
/// an asparagus was plainly seen). Such a decision goes to the shopper, whose tiles are the basket's own lines.
/// Used by the server and by the evaluation's chain, so both decide the same way.
/// </summary>
public static class RemovalCheck
{
    /// <summary>The stage's detail when the check sends a decided removal to the shopper.</summary>
    public const string NotInBasket = "decided product is not in the basket";

    /// <summary>The stage's detail when a removal from an empty basket is closed without asking.</summary>
    public const string EmptyBasket = "the basket is empty: nothing to take out";

    /// <summary>
    /// <paramref name="decision"/>; or the same event handed to the shopper when it removes what the basket lacks; or,
    /// for a removal from an empty basket that would ask the shopper to pick among no lines, closed as fusion's guess
    /// with nothing taken out.
    /// </summary>
    /// <param name="basket">The basket before the event.</param>
    /// <param name="openAdds">
    /// Products of adds the cart has seen but not yet decided (waiting for the shopper or for their label): an item can
    /// be taken back out before its add is answered, so such a product explains a removal as well as a basket line does,
    /// and a removal with open adds is never "from an empty basket". None for the evaluation's chain.
    /// </param>
    public static EscalationDecision Apply(EscalationDecision decision, Basket basket, IReadOnlyCollection<string>? openAdds = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(basket);
        var open = openAdds ?? [];
        var nothingHeld = basket.Lines().Count == 0 && open.Count == 0;
        if (decision.Fusion.Type == CartEventType.Remove && decision.NeedsShopper && nothingHeld)
        {
            return decision with
            {
                ProductId = decision.Fusion.ProductId,
                Confidence = decision.Fusion.Confidence,
                DecidedBy = EscalationPolicy.FusionStage,
                Stages = [.. decision.Stages.Where(s => s.Stage != EscalationPolicy.ShopperStage), new StageRecord(EscalationPolicy.FusionStage, StageOutcome.Accepted, decision.Fusion.ProductId, decision.Fusion.Confidence, null, 0, EmptyBasket)],
            };
        }

        if (decision.Fusion.Type != CartEventType.Remove || decision.ProductId is not { } product || basket.Contains(product) || open.Contains(product) || nothingHeld)
        {
            return decision;
        }

        return decision with
        {
            ProductId = null,
            Confidence = 0,
            DecidedBy = EscalationPolicy.ShopperStage,
            Stages = [.. decision.Stages, new StageRecord(EscalationPolicy.ShopperStage, StageOutcome.Asked, null, null, null, 0, NotInBasket)],
        };
    }
}
