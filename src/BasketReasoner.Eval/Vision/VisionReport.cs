using System.Text.Json.Serialization;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Vision;

/// <summary>Vision-only accuracy of the recognizer on one split.</summary>
public sealed record VisionReport
{
    public required string Split { get; init; }

    /// <summary>The recognizer graph that ran (<c>OnnxProductRecognizer.Graph</c>); <c>null</c> in reports written before 2026-12-07.</summary>
    public string? Recognizer { get; init; }

    public required int Images { get; init; }

    public required double Top1 { get; init; }

    public required double Top5 { get; init; }

    /// <summary>Accuracy of the recognizer's best class mapped to its coarse category (e.g. any apple for an apple).</summary>
    public required double CoarseTop1 { get; init; }

    public required IReadOnlyDictionary<string, double> Top1ByTopCategory { get; init; }

    public required IReadOnlyDictionary<string, double> Top1ByCoarseCategory { get; init; }

    /// <summary>Most frequent mistakes: truth → predicted, with counts.</summary>
    public required IReadOnlyList<Confusion> TopConfusions { get; init; }

    [JsonPropertyName("latency_ms")]
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Managed bytes allocated per recognized frame in steady state (decode + preprocess + inference).</summary>
    public required double AllocatedBytesPerFrame { get; init; }

    public required IReadOnlyList<string> Errors { get; init; }
}
