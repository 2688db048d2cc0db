using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Evidence;

/// <summary>
/// What one event offers the evidence sources: the event, its measured weight, the basket before it, and the
/// per-product signals the perception stages computed (spans indexed by class, valid for the call only).
/// </summary>
public readonly ref struct EvidenceInputs
{
    public required CartEvent Event { get; init; }

    /// <summary>
    /// Magnitude of the settled weight change in grams, signed so that the expected direction is positive (an add
    /// that weighs 120 g and a removal of −120 g are both 120); <c>null</c> when the scale did not settle.
    /// </summary>
    public required double? MeasuredGrams { get; init; }

    /// <summary>The basket before the event; read-only.</summary>
    public required Basket Basket { get; init; }

    /// <summary>The recognizer's class probabilities.</summary>
    public ReadOnlySpan<float> Probabilities { get; init; }

    /// <summary>Best cosine similarity between the frame's embedding and each product's prototypes (0 without an index).</summary>
    public ReadOnlySpan<float> Similarity { get; init; }

    /// <summary>Label-text match scores; empty when no text was read.</summary>
    public ReadOnlySpan<float> Text { get; init; }
}
