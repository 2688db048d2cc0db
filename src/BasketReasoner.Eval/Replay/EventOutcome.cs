using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;

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
}
