using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Escalation;

/// <summary>An item the fusion was unsure about, handed to a later stage with its retrieved candidates.</summary>
/// <param name="Type">Add or remove.</param>
/// <param name="Images">Encoded camera frames (JPEG/PNG), one per camera view; at least one.</param>
/// <param name="WeightDeltaGrams">Settled weight change, or <c>null</c>.</param>
/// <param name="Candidates">Candidates best first; at least two.</param>
public sealed record ChoiceRequest(
    CartEventType Type,
    IReadOnlyList<ReadOnlyMemory<byte>> Images,
    double? WeightDeltaGrams,
    IReadOnlyList<ChoiceCandidate> Candidates);
