using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Reasoning.Escalation;

/// <summary>What the shopper may tap when the chain asks them: the server's screen and the evaluation's simulated shopper.</summary>
public static class ShopperTiles
{
    /// <summary>
    /// The decision's candidates; for a removal, the lines the basket holds instead, fusion's likeliest first, since
    /// only those can leave the cart: a tap then never removes a different line than the one shown.
    /// </summary>
    /// <param name="decision">A decision that asks the shopper.</param>
    /// <param name="basket">The basket before the event.</param>
    public static IReadOnlyList<ChoiceCandidate> For(EscalationDecision decision, Basket basket)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(basket);
        if (decision.Fusion.Type != CartEventType.Remove)
        {
            return decision.Candidates;
        }

        var posterior = decision.Fusion.Candidates.ToDictionary(c => c.ProductId, c => c.Posterior, StringComparer.Ordinal);
        var names = decision.Candidates.ToDictionary(c => c.ProductId, c => c.DisplayName, StringComparer.Ordinal);
        return basket.Lines()
            .Select(l => new ChoiceCandidate(l.Product, names.GetValueOrDefault(l.Product, l.Product), posterior.GetValueOrDefault(l.Product)))
            .OrderByDescending(c => c.FusionPosterior)
            .ThenBy(c => c.ProductId, StringComparer.Ordinal)
            .ToArray();
    }
}
