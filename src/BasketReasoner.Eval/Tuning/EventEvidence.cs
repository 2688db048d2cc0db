using BasketReasoner.Core.Events;

namespace BasketReasoner.Eval.Tuning;

/// <summary>One event's vision evidence, computed once so fusion parameters can be searched without re-running the model.</summary>
public sealed record EventEvidence(CartEvent Event, string Truth, float[] Probabilities, float[] Similarity);

/// <summary>A session's events with their cached evidence, in order.</summary>
public sealed record SessionEvidence(string SessionId, IReadOnlyList<EventEvidence> Events);
