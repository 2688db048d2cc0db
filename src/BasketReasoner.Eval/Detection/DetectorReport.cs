using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Attribution;

namespace BasketReasoner.Eval.Detection;

/// <summary>The detector on a scene folder: class-agnostic mAP@0.5 over <c>annotations.jsonl</c>, and cost per frame.</summary>
public sealed record DetectorReport
{
    public required string Scenes { get; init; }

    public required int Frames { get; init; }

    public required int GroundTruthBoxes { get; init; }

    public required int Detections { get; init; }

    /// <summary>Class-agnostic AP at IoU 0.5, VOC all-point interpolation.</summary>
    public required double Map50 { get; init; }

    /// <summary>Recall with every kept detection (the ceiling for attribution).</summary>
    public required double Recall50 { get; init; }

    /// <summary>JPEG decode per frame, ms.</summary>
    public required LatencySummary DecodeMs { get; init; }

    /// <summary>Resize + normalise + ONNX inference + decode + NMS per frame, ms, one intra-op thread.</summary>
    public required LatencySummary DetectMs { get; init; }

    /// <summary>Managed bytes allocated per frame by detection (decode excluded), measured after the first 10 frames.</summary>
    public required double AllocatedBytesPerFrame { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>Event attribution on a scene folder's <c>sessions.jsonl</c> against its <c>target_box</c> truth.</summary>
public sealed record AttributionReport
{
    public required string Scenes { get; init; }

    public required AttributionOptions Options { get; init; }

    public required int Events { get; init; }

    /// <summary>Views (event × camera) whose target is visible (target_box not null).</summary>
    public required int Views { get; init; }

    /// <summary>Views whose chosen box has IoU ≥ 0.5 with the target.</summary>
    public required int ViewsCorrect { get; init; }

    public double ViewAccuracy => Views == 0 ? 0 : (double)ViewsCorrect / Views;

    /// <summary>Events whose target is visible in two or more cameras.</summary>
    public required int MultiViewEvents { get; init; }

    /// <summary>Of those, events where every view chose the right box.</summary>
    public required int MultiViewEventsCorrect { get; init; }

    public double AllViewsAccuracy => MultiViewEvents == 0 ? 0 : (double)MultiViewEventsCorrect / MultiViewEvents;

    /// <summary>Visible-target views that fell back to the whole frame.</summary>
    public required int WholeFrameViews { get; init; }

    /// <summary>Views where the target box was among the detections at all (IoU ≥ 0.5): the detector's share of the misses.</summary>
    public required int ViewsTargetDetected { get; init; }

    /// <summary>Views where floor pairing changed the per-camera choice.</summary>
    public required int FloorMatchedViews { get; init; }

    public required IReadOnlyList<string> Errors { get; init; }
}
