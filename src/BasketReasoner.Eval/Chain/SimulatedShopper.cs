using BasketReasoner.Core.Escalation;

namespace BasketReasoner.Eval.Chain;

/// <summary>How the simulated shopper answered a prompt.</summary>
public enum ShopperAnswer
{
    /// <summary>The true product was among the tiles shown; the shopper tapped it.</summary>
    Tile,

    /// <summary>The truth was not shown: "None of these", then found through search / browse by category.</summary>
    Picker,

    /// <summary>The session carries no per-event truth: the shopper is assumed to tap the first tile.</summary>
    FirstTileWithoutTruth,
}

/// <summary>
/// The last stage of the chain in an evaluation: a shopper who knows what went into the cart. Shown the chain's
/// candidates, they tap the truth when it is there; otherwise "None of these" and they find it through the picker.
/// The simulation measures how often the shopper is asked and how much work each ask is, not shopper mistakes: a
/// confirmed answer is taken as right, as the server takes it.
/// </summary>
public static class SimulatedShopper
{
    /// <param name="candidates">The tiles, best first (at least one for a removal the basket can satisfy).</param>
    /// <param name="truth">The product that really went in or out, or <c>null</c> when the session does not say.</param>
    public static (string ProductId, ShopperAnswer Answer) Answer(IReadOnlyList<ChoiceCandidate> candidates, string? truth)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (truth is null)
        {
            return candidates.Count > 0
                ? (candidates[0].ProductId, ShopperAnswer.FirstTileWithoutTruth)
                : throw new ArgumentException("The shopper needs either candidates or the truth.", nameof(candidates));
        }

        foreach (var c in candidates)
        {
            if (string.Equals(c.ProductId, truth, StringComparison.Ordinal))
            {
                return (truth, ShopperAnswer.Tile);
            }
        }

        return (truth, ShopperAnswer.Picker);
    }
}
