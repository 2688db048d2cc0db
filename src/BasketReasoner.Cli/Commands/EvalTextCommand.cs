using BasketReasoner.Composition;
using System.CommandLine;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Eval.Tuning;
using BasketReasoner.Vision.Ocr;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket eval text --file F</c>: what label text adds. Collects each event's evidence once (OCR on the frames the
/// configured gate lets through, each distinct frame read once), then replays the fusion with the tuned config and
/// with its text weight set to 0, and prints item accuracy overall and on packaged goods, and the OCR time per read.
/// Fits nothing, so it may be pointed at test sessions.
/// </summary>
internal static class EvalTextCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "Session file (JSON Lines) with per-event truth", Required = true };
        var fusion = new Option<string?>("--fusion-config") { Description = "Fusion config; default: the embedded config/fusion.json" };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var count = new Option<int?>("--sessions") { Description = "Only the first N sessions of the file (OCR is the slow part)" }.AtLeast(1);
        var cache = new Option<string?>("--evidence-cache") { Description = "Load the collected evidence from this file if it exists, else collect and save it there" };
        var minGate = new Option<double?>("--min-gate") { Description = "Read text down to this packaged mass when collecting (default: the config's gate)" }.Between(0.0, 1.0);
        var minSide = new Option<int?>("--ocr-min-side") { Description = "OCR detector: upscale frames whose shorter side is below this (default: the fusion config's TextDetectorMinSide; 0: no upscaling)" }.AtLeast(0);
        var cmd = new Command("text", "Fused accuracy with vs without label text (OCR), overall and on packaged goods") { file, fusion, dataRoot, model, catalogPath, json, count, cache, minGate, minSide };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            if (!PaddleOcrReader.ModelsPresent(DefaultAssets.OcrFolder))
            {
                stderr.WriteLine($"no OCR models at {DefaultAssets.OcrFolder}: run scripts/fetch-ocr-models.sh");
                return 2;
            }

            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var options = FusionConfig.Load(parse.GetValue(fusion));
            if (options.TextWeight <= 0)
            {
                stderr.WriteLine("the fusion config gives label text no weight (TextWeight 0): run `basket tune fusion` on val first.");
                return 2;
            }

            using var pipeline = CartPipeline.Open(parse.GetValue(catalogPath), parse.GetValue(model), parse.GetValue(fusion), log: stderr, labelText: false);
            var ocrOptions = new OcrOptions();
            ocrOptions.DetectorMinSide = parse.GetValue(minSide) ?? options.TextDetectorMinSide;
            using var ocr = new PaddleOcrReader(DefaultAssets.OcrFolder, ocrOptions);
            var (sessions, errors) = SessionFile.Read(parse.GetValue(file)!);
            foreach (var e in errors)
            {
                stderr.WriteLine($"skipped line {e.Line}: {e.Message}");
            }

            var gate = Math.Min(parse.GetValue(minGate) ?? options.TextGatePackagedMass, options.TextGatePackagedMass);
            var text = new TextCollection(ocr, pipeline.Catalog, gate);
            IReadOnlyList<CartSession> chosen = parse.GetValue(count) is { } n ? [.. sessions.Take(n)] : sessions;
            var sessionFile = parse.GetValue(file)!;
            var cachePath = parse.GetValue(cache);
            var evidence = cachePath is null ? null : EvidenceCache.TryLoad(cachePath, sessionFile, options.TextGatePackagedMass);
            if (evidence is null)
            {
                evidence = CliProgress.Run(stderr, "collecting evidence", chosen.Count, "sessions",
                    progress => EvidenceCollector.Collect(chosen, pipeline.Recognizer, pipeline.Index, DataRoot.ImagesFolder(root), text, progress));
                if (cachePath is not null)
                {
                    EvidenceCache.Save(cachePath, sessionFile, gate, evidence);
                }
            }
            else
            {
                stderr.WriteLine($"note: evidence of {evidence.Count} sessions loaded from {cachePath}; OCR timings are those of the run that wrote it (not repeated).");
                evidence = parse.GetValue(count) is { } m ? [.. evidence.Take(m)] : evidence;
            }

            var with = FusionTuner.Score(pipeline.Catalog, evidence, options);
            var without = FusionTuner.Score(pipeline.Catalog, evidence, options with { TextWeight = 0 });
            var latency = LatencySummary.From(text.ReadMilliseconds);
            var cpu = LatencySummary.From(text.ReadCpuMilliseconds);
            stdout.WriteLine($"{evidence.Count} sessions, {with.Events} events ({with.PackagedEvents} of packaged goods), text weight {options.TextWeight}, gate {options.TextGatePackagedMass}: OCR on {with.TextReadRate:P1} of events");
            stdout.WriteLine($"without label text: item accuracy {without.ItemAccuracy:P2}, packaged goods {without.PackagedAccuracy:P2}, NLL {without.MeanNll:F4}");
            stdout.WriteLine($"with label text:    item accuracy {with.ItemAccuracy:P2}, packaged goods {with.PackagedAccuracy:P2}, NLL {with.MeanNll:F4}");
            stdout.WriteLine($"OCR per frame ({text.ReadMilliseconds.Count} distinct frames, 1 thread): p50 {latency.P50:F0} ms, p95 {latency.P95:F0} ms, p99 {latency.P99:F0} ms");
            stdout.WriteLine($"OCR process CPU time per frame (what one core spends, whatever else the machine runs): p50 {cpu.P50:F0} ms, p95 {cpu.P95:F0} ms, mean {cpu.Mean:F0} ms");
            // What skipping OCR when the fusion without text is already confident costs, on the same evidence.
            var skips = new List<object>();
            foreach (var skip in new[] { 1.0, 0.9999, 0.999, 0.99, 0.95, 0.9, 0.8, 0.5 })
            {
                var s = FusionTuner.Score(pipeline.Catalog, evidence, options with { TextSkipConfidence = skip });
                stdout.WriteLine($"skip text at no-text confidence >= {skip}: item accuracy {s.ItemAccuracy:P2}, packaged goods {s.PackagedAccuracy:P2}, NLL {s.MeanNll:F4}, OCR on {s.TextReadRate:P1} of events");
                skips.Add(new { skip_confidence = skip, score = s });
            }

            CliJson.Write(parse.GetValue(json), new
            {
                with_text = with, without_text = without, ocr_wall_ms = latency, ocr_cpu_ms = cpu, ocr_frames = text.ReadMilliseconds.Count,
                ocr_detector_min_side = ocrOptions.DetectorMinSide, skip_sweep = skips,
            });
            return 0;
        }));
        return cmd;
    }
}
