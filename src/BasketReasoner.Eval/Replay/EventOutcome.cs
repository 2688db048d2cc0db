using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Eval.Chain;

namespace BasketReasoner.Eval.Replay;

/// <summary>What the resolver decided for one replayed event, next to the truth when the session carries it.</summary>
/// <param name="SessionId">The session the event belongs to.</param>
/// <param name="Event">The event as replayed.</param>
/// <param name="Truth">The true product id, or <c>null</c> when the session has no per-event truth.</param>
/// <param name="Resolution">The resolver's decision.</param>
/// <param name="RemoveMissed"><c>true</c> for a removal that found nothing in the basket to take out.</param>
public sealed record EventOutcome(string SessionId, CartEvent Event, string? Truth, Resolution Resolution, bool RemoveMissed = false)
{
    /// <summary><c>null</c> without truth; otherwise whether the chosen product is the true one (ordinal ids).</summary>
    public bool? Correct => Truth is null ? null : string.Equals(Truth, Resolution.ProductId, StringComparison.Ordinal);

    /// <summary>What the chain after fusion did, when the replay ran one.</summary>
    public ChainOutcome? Chain { get; init; }

    /// <summary>Whether the basket took the true product after the whole chain; <c>null</c> without truth or chain.</summary>
    public bool? FinalCorrect => Truth is null || Chain is null ? null : string.Equals(Truth, Chain.ProductId, StringComparison.Ordinal);
}
