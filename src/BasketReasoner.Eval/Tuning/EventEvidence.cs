using BasketReasoner.Core.Events;

namespace BasketReasoner.Eval.Tuning;

/// <summary>One event's vision evidence, computed once so fusion parameters can be searched without re-running the model.</summary>
/// <param name="Text">Label-text score per product, or <c>null</c> when no text was read for this event.</param>
public sealed record EventEvidence(CartEvent Event, string Truth, float[] Probabilities, float[] Similarity, float[]? Text = null);

/// <summary>A session's events with their cached evidence, in order.</summary>
public sealed record SessionEvidence(string SessionId, IReadOnlyList<EventEvidence> Events);
