using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;

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
    /// <param name="openAdds">Products of adds not yet decided (see <see cref="RemovalCheck.Apply"/>): a removal may be one of them taken back out, so they are tiles too.</param>
    public static IReadOnlyList<ChoiceCandidate> For(EscalationDecision decision, Basket basket, IReadOnlyCollection<string>? openAdds = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(basket);
        if (decision.Fusion.Type != CartEventType.Remove)
        {
            return decision.Candidates;
        }

        var names = decision.Candidates.ToDictionary(c => c.ProductId, c => c.DisplayName, StringComparer.Ordinal);
        return ForRemoval(decision.Fusion.Candidates, basket, openAdds, names);
    }

    /// <summary>
    /// A removal's tiles from fusion's evidence alone: the basket's lines and the open adds' products, fusion's likeliest
    /// first (for a removal decided without a chain, e.g. one whose refinement a restart interrupted).
    /// </summary>
    public static IReadOnlyList<ChoiceCandidate> ForRemoval(
        IReadOnlyList<CandidateEvidence> evidence, Basket basket, IReadOnlyCollection<string>? openAdds = null, IReadOnlyDictionary<string, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(basket);
        var posterior = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in evidence)
        {
            posterior.TryAdd(c.ProductId, c.Posterior);
        }

        return basket.Lines().Select(l => l.Product).Concat(openAdds ?? []).Distinct(StringComparer.Ordinal)
            .Select(p => new ChoiceCandidate(p, names?.GetValueOrDefault(p, p) ?? p, posterior.GetValueOrDefault(p)))
            .OrderByDescending(c => c.FusionPosterior)
            .ThenBy(c => c.ProductId, StringComparer.Ordinal)
            .ToArray();
    }
}
