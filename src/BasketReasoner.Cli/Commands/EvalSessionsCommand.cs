using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket eval sessions --file F --json OUT</c>: replays session files through fusion and the escalation after it
/// (as <c>basket serve</c> runs it, ending with a simulated shopper) and scores both fusion and the whole chain.
/// </summary>
internal static class EvalSessionsCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "Session file (JSON Lines)", Required = true };
        var mirror = new Option<bool>("--mirror") { Description = "Two views: also run the mirrored frame and average (the default before 2026-12-07; default: one view)" };
        var fusion = new Option<string?>("--fusion-config") { Description = "Fusion config; default: the embedded config/fusion.json" };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var precision = CommonOptions.Precision();
        var events = new Option<string?>("--events") { Description = "Also write every decision with its evidence as JSON Lines" };
        var decisions = new Option<string?>("--decisions")
        {
            Description = "Also write every decision (product, stage, ambiguous, posterior to 1e-6) as JSON Lines: the behaviour baseline eval/decisions/",
        };
        var noText = new Option<bool>("--no-text") { Description = "Fuse without label text (OCR off) whatever the fusion config says" };
        var frames = new Option<bool>("--frames")
        {
            Description = "Replay events that carry before/after cart-camera frames through the detector and attribution (frames relative to the file; " +
                "cameras.json beside it); without it every event uses its single close-up image",
        };
        var detector = new Option<string?>("--detector") { Description = "Detector folder for --frames; default: the embedded models/detector" };
        var cameras = new Option<string?>("--cameras") { Description = "Camera calibration for --frames; default: cameras.json beside the session file" };
        var chainOptions = new ChainOptions();
        var cmd = new Command("sessions", "Replay cart sessions through the chain the server runs (fusion, later stages, a simulated shopper) and score them")
        {
            file, mirror, precision, fusion, dataRoot, model, catalogPath, json, events, decisions, noText, frames, detector, cameras,
        };
        foreach (var option in chainOptions.All)
        {
            cmd.Options.Add(option);
        }

        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var sessionsPath = parse.GetValue(file)!;

            // Checked before the pipeline opens and the chain is described, so a mistyped path is the one line that names it.
            if (!File.Exists(sessionsPath))
            {
                throw new FileNotFoundException($"--file: no session file at '{Path.GetFullPath(sessionsPath)}'.");
            }

            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var withFrames = parse.GetValue(frames);
            var setup = withFrames
                ? new AttributionSetup(
                    parse.GetValue(detector) ?? DefaultAssets.DetectorFolder,
                    parse.GetValue(cameras) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sessionsPath))!, "cameras.json"))
                : null;
            using var pipeline = CartPipeline.Open(
                parse.GetValue(catalogPath), parse.GetValue(model), parse.GetValue(fusion), parse.GetValue(mirror) ? true : null, stderr, labelText: !parse.GetValue(noText),
                attribution: setup, textDecidedAt: chainOptions.FusionAcceptThreshold(parse), precision: RecognizerPrecisionNames.ParseChoice(parse.GetValue(precision)!));
            // The start-up warm-up may already have read its synthetic frame: count only the replay's reads.
            var (readsBefore, timeBefore) = (pipeline.Resolver.TextReads, pipeline.Resolver.TextTime);
            var meter = new AllocationMeter(pipeline.Resolver);
            var (chain, chainServices, chainDescription) = chainOptions.Build(parse, pipeline.Catalog);
            using var disposeChain = chainServices;
            stderr.WriteLine($"chain: {chainDescription}");
            var (report, replay) = CliProgress.Run(stderr, "replaying", SessionLines(sessionsPath), "sessions", progress => withFrames
                ? SessionEvaluation.EvaluateFrames(pipeline.Resolver, pipeline.Attribution!, DataRoot.ImagesFolder(root), sessionsPath, pipeline.Catalog, progress, chain: chain)
                : SessionEvaluation.Evaluate(meter, DataRoot.ImagesFolder(root), sessionsPath, pipeline.Catalog, progress, chain: chain));
            report = report with { Recognizer = pipeline.Recognizer.Graph };
            stderr.WriteLine($"recognizer: {report.Recognizer}");
            if (parse.GetValue(decisions) is { } decisionsPath)
            {
                DecisionLog.Write(decisionsPath, DecisionLog.From(replay));
            }

            if (parse.GetValue(events) is { } eventsPath)
            {
                EventLog.Write(eventsPath, replay);
            }

            stdout.WriteLine(
                $"{report.Sessions} sessions, {report.Events} events: item accuracy {report.ItemAccuracy:P2}, basket accuracy {report.BasketAccuracy:P2}, " +
                $"ambiguous {report.AmbiguousRate:P2}, accuracy when confident {report.AccuracyWhenConfident:P2}, calibration error {report.ExpectedCalibrationError:F3}");
            if (withFrames)
            {
                var views = replay.Sessions.SelectMany(o => o.Events).SelectMany(e => e.Resolution.Attribution ?? []).ToArray();
                var a = pipeline.Attribution!.Frames;
                stdout.WriteLine(
                    $"attribution: {views.Length} views, {views.Count(v => v.WholeFrame)} fell back to the whole frame; " +
                    $"decode+detect {(a.FramesDetected == 0 ? 0 : a.DetectTime.TotalMilliseconds / a.FramesDetected):F2} ms/frame over {a.FramesDetected} frames");
            }

            if (meter.Events > 0)
            {
                stdout.WriteLine($"managed allocation per event (resolve, this thread): {meter.BytesPerEvent:F0} bytes over {meter.Events} events");
            }

            stdout.WriteLine($"latency ms p50 {report.LatencyMs.P50:F2}  p95 {report.LatencyMs.P95:F2}  p99 {report.LatencyMs.P99:F2}");
            ChainPrinter.Print(stdout, report);
            var reads = pipeline.Resolver.TextReads - readsBefore;
            var readMs = (pipeline.Resolver.TextTime - timeBefore).TotalMilliseconds;
            stdout.WriteLine(pipeline.Ocr is null
                ? "label text: off"
                : $"label text: read on {reads} of {report.Events} events, {(reads == 0 ? 0 : readMs / reads):F0} ms per read (1 thread)");
            foreach (var e in report.Errors)
            {
                stderr.WriteLine($"skipped: line {e.Line} session {e.Session} seq {e.Seq}: {e.Message}");
            }

            if (parse.GetValue(json) is { } path)
            {
                File.WriteAllText(path, report.ToJson() + "\n");
            }

            return 0;
        }));
        return cmd;
    }

    /// <summary>The progress bar's total: one session per non-blank line (a bad line is skipped, so the bar may stop short).</summary>
    private static int SessionLines(string path) => File.Exists(path) ? File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l)) : 0;
}
