using System.Diagnostics;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Attribution;

namespace BasketReasoner.Eval.Detection;

/// <summary>
/// Scores the item detector and event attribution on a rendered scene folder (<c>annotations.jsonl</c>,
/// <c>sessions.jsonl</c>, <c>cameras.json</c> and the frames; see <c>models/training/detector/make_scenes.py</c>).
/// </summary>
public static class DetectorEvaluation
{
    /// <summary>mAP@0.5 and per-frame cost over every annotated frame (at most <paramref name="limit"/> when positive).</summary>
    public static DetectorReport Detect(IItemDetector detector, IFrameDecoder codec, string scenes, int limit = 0)
    {
        var annotations = SceneAnnotations.Read(Path.Combine(scenes, "annotations.jsonl"));
        if (limit > 0 && annotations.Count > limit)
        {
            annotations = annotations.Take(limit).ToList();
        }

        var ap = new AveragePrecision(0.5f);
        var frame = new RgbaFrame();
        var detections = new List<ItemDetection>(64);
        var decodeMs = new List<double>(annotations.Count);
        var detectMs = new List<double>(annotations.Count);
        var errors = new List<string>();
        long allocated = 0;
        var measured = 0;
        var count = 0;
        foreach (var a in annotations)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(Path.Combine(scenes, a.Image));
                var t0 = Stopwatch.GetTimestamp();
                codec.Decode(bytes, frame);
                decodeMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is IOException or InvalidImageException or UnauthorizedAccessException)
            {
                errors.Add($"{a.Image}: {ex.Message}");
                continue;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var t1 = Stopwatch.GetTimestamp();
            detector.Detect(frame, detections);
            detectMs.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            if (++count > 10)
            {
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                measured++;
            }

            ap.Add(detections, a.Boxes);
        }

        return new DetectorReport
        {
            Scenes = scenes,
            Frames = count,
            GroundTruthBoxes = ap.GroundTruth,
            Detections = ap.DetectionCount,
            Map50 = ap.Compute(),
            Recall50 = ap.MaxRecall,
            DecodeMs = LatencySummary.From(decodeMs),
            DetectMs = LatencySummary.From(detectMs),
            AllocatedBytesPerFrame = measured == 0 ? 0 : (double)allocated / measured,
            Errors = errors,
        };
    }

    /// <summary>
    /// Attribution accuracy of every option set in <paramref name="candidates"/> on the same detections (frames
    /// are decoded and detected once per event): the view is right when the chosen box has IoU ≥ 0.5 with the
    /// event's <c>target_box</c> in that camera.
    /// </summary>
    public static IReadOnlyList<AttributionReport> Attribute(
        FramesAttributor frames, CameraRig? rig, string scenes, IReadOnlyList<AttributionOptions> candidates, int limit = 0)
    {
        var (sessions, readErrors) = SessionFile.Read(Path.Combine(scenes, "sessions.jsonl"));
        var tallies = candidates.Select(_ => new Tally()).ToArray();
        var attributors = candidates.Select(o => new EventAttributor(o, rig)).ToArray();
        var errors = readErrors.Select(e => $"sessions.jsonl line {e.Line}: {e.Message}").ToList();
        var events = 0;
        foreach (var session in limit > 0 ? sessions.Take(limit) : sessions)
        {
            for (var i = 0; i < session.Events.Count; i++)
            {
                var e = session.Events[i];
                var targets = session.FrameTruth?[i];
                if (e.Frames is not { } cameraFrames || targets is null)
                {
                    continue;
                }

                IReadOnlyList<CameraView> views;
                try
                {
                    var pairs = cameraFrames.Select(f => new CameraFramePair(
                        f.Camera, File.ReadAllBytes(Path.Combine(scenes, f.Before)), File.ReadAllBytes(Path.Combine(scenes, f.After)))).ToArray();
                    views = frames.Detect(pairs);
                }
                catch (Exception ex) when (ex is IOException or InvalidImageException or UnauthorizedAccessException)
                {
                    errors.Add($"session {session.Id} event {e.Seq}: {ex.Message}");
                    continue;
                }

                events++;
                for (var c = 0; c < attributors.Length; c++)
                {
                    tallies[c].Add(e.Type, views, attributors[c].Attribute(e.Type, views), targets);
                }
            }
        }

        return candidates.Select((o, c) => tallies[c].Report(scenes, o, events, errors)).ToArray();
    }

    private sealed class Tally
    {
        private int _views, _correct, _multi, _multiCorrect, _whole, _detected, _floor;

        public void Add(CartEventType type, IReadOnlyList<CameraView> views, IReadOnlyList<Core.Resolutions.ViewAttribution> chosen, IReadOnlyList<ItemBox?> targets)
        {
            var visible = 0;
            var right = 0;
            for (var v = 0; v < views.Count && v < targets.Count; v++)
            {
                if (targets[v] is not { } target)
                {
                    continue;
                }

                visible++;
                _views++;
                var a = chosen[v];
                _whole += a.WholeFrame ? 1 : 0;
                _floor += a.Reason == "floor-match" ? 1 : 0;
                var items = type == CartEventType.Add ? views[v].AfterItems : views[v].BeforeItems;
                _detected += items.Any(d => d.Box.IoU(target) >= 0.5f) ? 1 : 0;
                if (a.Box is { } box && box.IoU(target) >= 0.5f)
                {
                    _correct++;
                    right++;
                }
            }

            if (visible >= 2)
            {
                _multi++;
                _multiCorrect += right == visible ? 1 : 0;
            }
        }

        public AttributionReport Report(string scenes, AttributionOptions options, int events, IReadOnlyList<string> errors) => new()
        {
            Scenes = scenes,
            Options = options,
            Events = events,
            Views = _views,
            ViewsCorrect = _correct,
            MultiViewEvents = _multi,
            MultiViewEventsCorrect = _multiCorrect,
            WholeFrameViews = _whole,
            ViewsTargetDetected = _detected,
            FloorMatchedViews = _floor,
            Errors = errors,
        };
    }
}
