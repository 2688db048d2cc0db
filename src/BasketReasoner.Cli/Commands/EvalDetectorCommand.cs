using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Eval.Detection;
using BasketReasoner.Reasoning.Attribution;
using BasketReasoner.Vision.Detection;
using BasketReasoner.Vision.Imaging;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket eval detector --scenes DIR</c>: the item detector's class-agnostic mAP@0.5 and cost per frame on a
/// rendered scene folder, then event attribution accuracy against the sessions' target boxes. <c>--tune</c> sweeps
/// the attribution thresholds (run it on val scenes only) and reports every setting.
/// </summary>
internal static class EvalDetectorCommand
{
    public static Command Create()
    {
        var scenes = new Option<string>("--scenes") { Description = "Scene folder (annotations.jsonl, sessions.jsonl, cameras.json, frames)", Required = true };
        var detector = new Option<string?>("--detector") { Description = "Detector folder; default: the embedded models/detector" };
        var json = CommonOptions.Json();
        var attributionJson = new Option<string?>("--attribution-json") { Description = "Write the attribution report(s) as JSON to this file" };
        var limit = new Option<int>("--limit") { Description = "Only the first N frames (mAP) and sessions (attribution); 0 = all" }.AtLeast(0);
        var tune = new Option<bool>("--tune") { Description = "Sweep attribution thresholds (val scenes only) and report each setting" };
        var noFloor = new Option<bool>("--no-floor") { Description = "Attribute every camera on its own (ignore cameras.json)" };
        var cameras = new Option<string?>("--cameras") { Description = "Camera calibration; default: cameras.json in the scene folder" };
        var cmd = new Command("detector", "Score the item detector (mAP@0.5) and event attribution on rendered cart scenes")
        {
            scenes, detector, json, attributionJson, limit, tune, noFloor, cameras,
        };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var dir = parse.GetValue(scenes)!;
            var n = parse.GetValue(limit);
            using var model = new OnnxItemDetector(parse.GetValue(detector) ?? DefaultAssets.DetectorFolder);
            var codec = new SkiaFrameDecoder();
            var camerasPath = parse.GetValue(cameras) ?? Path.Combine(dir, "cameras.json");
            var rig = !parse.GetValue(noFloor) && File.Exists(camerasPath) ? CameraRig.Load(camerasPath) : null;

            if (!parse.GetValue(tune))
            {
                var d = DetectorEvaluation.Detect(model, codec, dir, n);
                stdout.WriteLine(
                    $"{d.Frames} frames, {d.GroundTruthBoxes} boxes: mAP@0.5 {d.Map50:F4}  recall@0.5 {d.Recall50:P1}  ({d.Detections} detections, input {model.Card.InputSize}px)");
                stdout.WriteLine(
                    $"detect ms/frame p50 {d.DetectMs.P50:F2}  p95 {d.DetectMs.P95:F2}  mean {d.DetectMs.Mean:F2} (1 thread)   decode p50 {d.DecodeMs.P50:F2}   allocated {d.AllocatedBytesPerFrame:F0} B/frame");
                foreach (var e in d.Errors.Take(10))
                {
                    stderr.WriteLine($"skipped {e}");
                }

                CliJson.Write(parse.GetValue(json), d);
            }

            var candidates = parse.GetValue(tune) ? Grid() : [new AttributionOptions()];
            var frames = new FramesAttributor(model, codec, new EventAttributor(candidates[0], rig));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var reports = DetectorEvaluation.Attribute(frames, rig, dir, candidates, n);
            stderr.WriteLine($"attribution: {frames.FramesDetected} frames decoded+detected in {sw.Elapsed.TotalSeconds:F0} s");
            foreach (var r in reports.OrderByDescending(r => r.ViewAccuracy).ThenByDescending(r => r.AllViewsAccuracy).Take(parse.GetValue(tune) ? 8 : 1))
            {
                var o = r.Options;
                stdout.WriteLine(
                    $"attribution{(rig is null ? " (cameras independent)" : "")}: {r.Events} events, views right {r.ViewsCorrect}/{r.Views} = {r.ViewAccuracy:P1}, " +
                    $"all views right {r.MultiViewEventsCorrect}/{r.MultiViewEvents} = {r.AllViewsAccuracy:P1}; whole-frame {r.WholeFrameViews}, " +
                    $"target detected {r.ViewsTargetDetected}/{r.Views}, floor-matched {r.FloorMatchedViews}" +
                    (parse.GetValue(tune) ? $"   [pixel {o.PixelChangeThreshold} min {o.MinChange} novelty {o.NoveltyWeight} floor {o.FloorWeight}]" : ""));
            }

            foreach (var e in reports[0].Errors.Take(10))
            {
                stderr.WriteLine($"skipped {e}");
            }

            CliJson.Write(parse.GetValue(attributionJson), parse.GetValue(tune) ? (object)reports : reports[0]);
            return 0;
        }));
        return cmd;
    }

    private static AttributionOptions[] Grid() =>
        [
            .. from pixel in new[] { 40, 60, 80, 120 }
               from min in new[] { 0.15f, 0.3f, 0.45f, 0.6f }
               from novelty in new[] { 0f, 0.5f }
               from floor in new[] { 0f, 2f }
               select new AttributionOptions { PixelChangeThreshold = pixel, MinChange = min, NoveltyWeight = novelty, FloorWeight = floor },
        ];
}
