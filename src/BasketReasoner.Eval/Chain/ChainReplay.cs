using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Eval.Chain;

/// <summary>
/// The escalation the server runs, applied to a replayed event: <see cref="EscalationPolicy"/> (fusion → on-device
/// → cloud, whichever are configured), then <see cref="SimulatedShopper"/> when the policy asks the shopper,
/// shown the <see cref="ShopperTiles"/> the server's screen shows.
/// </summary>
public sealed class ChainReplay(EscalationPolicy policy)
{
    public EscalationPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <param name="fusion">Fusion's resolution of the event.</param>
    /// <param name="images">The frames the later stages see.</param>
    /// <param name="truth">The product that really moved, when the session says.</param>
    /// <param name="basket">The basket before the event (read only here).</param>
    public ChainOutcome Decide(Resolution fusion, IReadOnlyList<ReadOnlyMemory<byte>> images, string? truth, Basket basket)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(basket);
        // The replay is sequential and the choosers are in-process or a loopback server, so blocking here keeps the
        // replayer synchronous like the resolver it wraps.
        var decision = RemovalCheck.Apply(Policy.DecideAsync(fusion, images).GetAwaiter().GetResult(), basket);
        if (decision.ProductId is { } decided)
        {
            return new ChainOutcome(decision.DecidedBy, decided, decision.Stages, null);
        }

        var tiles = ShopperTiles.For(decision, basket);
        var (product, answer) = SimulatedShopper.Answer(tiles.Count > 0 ? tiles : decision.Candidates, truth);
        return new ChainOutcome(decision.DecidedBy, product, decision.Stages, answer);
    }
}
