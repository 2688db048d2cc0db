using BasketReasoner.Core.Baskets;

namespace BasketReasoner.Eval.Replay;

/// <summary>One replayed session: its resolved events and the basket it ended with.</summary>
/// <param name="SessionId">Session id.</param>
/// <param name="Events">Outcomes of the events that were resolved, in order (events that failed are in the errors).</param>
/// <param name="FinalBasket">The basket after the last event.</param>
/// <param name="Expected">The basket the session should end with.</param>
public sealed record SessionOutcome(
    string SessionId,
    IReadOnlyList<EventOutcome> Events,
    IReadOnlyList<BasketLine> FinalBasket,
    IReadOnlyList<BasketLine> Expected)
{
    /// <summary>The basket after the whole chain (fusion's, later stages' and the shopper's decisions), when the replay ran one;
    /// <see cref="FinalBasket"/> is then fusion's own decisions applied to a shadow basket.</summary>
    public IReadOnlyList<BasketLine>? ChainBasket { get; init; }

    /// <summary>Final basket equals <see cref="Expected"/> exactly (products and quantities).</summary>
    public bool BasketMatches => Matches(FinalBasket);

    /// <summary>The chain's basket equals <see cref="Expected"/>; <c>null</c> without a chain.</summary>
    public bool? ChainBasketMatches => ChainBasket is null ? null : Matches(ChainBasket);

    private bool Matches(IReadOnlyList<BasketLine> lines)
    {
        var basket = new Basket();
        foreach (var line in lines)
        {
            basket.Add(line.Product, line.Qty);
        }

        return basket.Matches(Expected);
    }
}
