using BasketReasoner.Core.Events;

namespace BasketReasoner.Core.Resolutions;

/// <summary>The decision for one cart event: which product, how sure, and the evidence for the top candidates.</summary>
public sealed record Resolution
{
    public required int Seq { get; init; }

    public required CartEventType Type { get; init; }

    /// <summary>Best guess; kept even when <see cref="IsAmbiguous"/> so the next stage can start from it.</summary>
    public required string ProductId { get; init; }

    /// <summary>Posterior probability of <see cref="ProductId"/>.</summary>
    public required double Confidence { get; init; }

    /// <summary>Confidence fell below the tuned threshold: flagged for the next stage (on-device model, cloud, shopper).</summary>
    public required bool IsAmbiguous { get; init; }

    /// <summary>Top candidates, best first, with their evidence.</summary>
    public required IReadOnlyList<CandidateEvidence> Candidates { get; init; }

    /// <summary>Which stage decided, e.g. <c>fusion</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>The measured weight delta the decision used, or <c>null</c> when the scale did not settle.</summary>
    public double? WeightDeltaGrams { get; init; }

    /// <summary>
    /// The measured weight cannot be one unit of <see cref="ProductId"/> (outside the basket's plausible band,
    /// <see cref="Baskets.WeighingLedger.IsPlausible"/>): a milk carton at 100 kg, a 175 g "watermelon". Vision may
    /// outvote the weight's outlier floor, but the cart must not decide such an event alone; it is
    /// <see cref="IsAmbiguous"/> whatever the posterior.
    /// </summary>
    public bool WeightContradicts { get; init; }

    /// <summary>Whether label text (OCR) was read for this decision (its terms are fused when any matched the catalog).</summary>
    public bool LabelTextRead { get; init; }

    /// <summary>
    /// Label text could still change this decision but was left unread (the resolver defers text off the request
    /// path): resolving the event again with text is the refinement that decides it.
    /// </summary>
    public bool LabelTextPending { get; init; }

    /// <summary>
    /// Per camera, which item in the cart the event was attributed to (before/after frames); <c>null</c> when the
    /// event came with close-up frames only.
    /// </summary>
    public IReadOnlyList<ViewAttribution>? Attribution { get; init; }

    /// <summary>Wall time for decode, preprocess, inference and fusion.</summary>
    public double LatencyMs { get; init; }
}
