using System.Text.Json;
using System.Text.Json.Serialization;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Replay;

/// <summary>
/// Scores of one session evaluation. Accuracies count events that carry truth; a ratio whose denominator is zero is
/// <c>null</c>. Serialised with snake_case names (<see cref="ToJson"/>).
/// </summary>
public sealed record SessionReport
{
    // Unlike the shared shape, nulls are written: a null ratio ("nothing to divide by") is a result too.
    public static readonly JsonSerializerOptions JsonOptions = new(SnakeCaseJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The recognizer graph that ran (<c>OnnxProductRecognizer.Graph</c>), when the caller knows it.</summary>
    public string? Recognizer { get; init; }

    /// <summary>Sessions replayed (lines skipped when reading are not sessions).</summary>
    public required int Sessions { get; init; }

    /// <summary>Events the resolver decided.</summary>
    public required int Events { get; init; }

    /// <summary>Events skipped because the image was unreadable or the resolver threw (listed in <see cref="Errors"/>).</summary>
    public required int FailedEvents { get; init; }

    /// <summary>Fraction of events with truth whose chosen product is the true one.</summary>
    public required double? ItemAccuracy { get; init; }

    /// <summary>Fraction of sessions whose final basket equals the expected one exactly.</summary>
    public required double? BasketAccuracy { get; init; }

    /// <summary>Fraction of decided events flagged ambiguous.</summary>
    public required double? AmbiguousRate { get; init; }

    public required double? AccuracyWhenConfident { get; init; }

    public required double? AccuracyWhenAmbiguous { get; init; }

    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Accuracy by the true product's top category (Fruit, Vegetables, Packages).</summary>
    public required IReadOnlyDictionary<string, AccuracyBucket> ByTopCategory { get; init; }

    /// <summary>Accuracy by event type (<c>add</c>, <c>remove</c>).</summary>
    public required IReadOnlyDictionary<string, AccuracyBucket> ByEventType { get; init; }

    /// <summary>Decided events whose weight was <c>null</c> (the scale did not settle).</summary>
    public required int WeightMissingEvents { get; init; }

    public required double? WeightMissingAccuracy { get; init; }

    /// <summary>Removals whose chosen product was not in the basket, so nothing was removed.</summary>
    public required int RemovesNotInBasket { get; init; }

    /// <summary>Most frequent mistakes, most frequent first.</summary>
    public required IReadOnlyList<Confusion> TopConfusions { get; init; }

    public required IReadOnlyList<ReportError> Errors { get; init; }

    /// <summary>Session-file lines that could not be parsed.</summary>
    public required int SkippedLines { get; init; }

    /// <summary>
    /// How far the stated confidence is from the observed accuracy: |accuracy − mean confidence| averaged over ten
    /// equal-width confidence bins, weighted by their share of events; <c>null</c> when no event had truth.
    /// </summary>
    public double? ExpectedCalibrationError { get; init; }

    // The chain after fusion (set by ChainScorer when the replay ran one; null when fusion ran alone). The fields
    // above stay fusion's own: its decisions, and the basket they alone would have built.

    /// <summary>Share of events with truth whose basket line after the whole chain is the true product.</summary>
    public double? FinalItemAccuracy { get; init; }

    /// <summary>Share of sessions whose basket after the whole chain equals the expected one.</summary>
    public double? FinalBasketAccuracy { get; init; }

    /// <summary>Share of events on which the shopper was asked.</summary>
    public double? ShopperAskRate { get; init; }

    /// <summary>Share of events on which the truth was not among the tiles: "None of these", then the picker.</summary>
    public double? ShopperPickerRate { get; init; }

    /// <summary>Share of events the cart decided alone (fusion, on-device or cloud).</summary>
    public double? DecidedWithoutShopperRate { get; init; }

    /// <summary>Accuracy of the events the cart decided alone.</summary>
    public double? AccuracyDecidedWithoutShopper { get; init; }

    /// <summary>Machine time per event through the chain (fusion and every later stage it reached).</summary>
    public LatencySummary? ChainLatencyMs { get; init; }

    /// <summary>Per stage: reached, decided, precision, failures, latency.</summary>
    public IReadOnlyDictionary<string, Chain.StageSummary>? Stages { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
