using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Eval.Chain;

/// <summary>What the whole chain did with one replayed event, after fusion.</summary>
/// <param name="DecidedBy"><c>fusion</c>, <c>on-device</c>, <c>cloud</c> or <c>shopper</c>.</param>
/// <param name="ProductId">The product the basket took (the shopper's answer when the shopper was asked).</param>
/// <param name="Stages">Every stage the event went through, with its latency.</param>
/// <param name="ShopperAnswer">How the shopper answered, when asked.</param>
public sealed record ChainOutcome(string DecidedBy, string ProductId, IReadOnlyList<StageRecord> Stages, ShopperAnswer? ShopperAnswer)
{
    public bool AskedShopper => ShopperAnswer is not null;

    /// <summary>All machine stages together (fusion included); the shopper's own time is not simulated.</summary>
    public double LatencyMs => Stages.Sum(s => s.LatencyMs);
}
