using System.CommandLine;
using BasketReasoner.Cli.Composition;
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
        var count = new Option<int?>("--sessions") { Description = "Only the first N sessions of the file (OCR is the slow part)" };
        var cmd = new Command("text", "Fused accuracy with vs without label text (OCR), overall and on packaged goods") { file, fusion, dataRoot, model, catalogPath, json, count };
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
            using var ocr = new PaddleOcrReader(DefaultAssets.OcrFolder);
            var (sessions, errors) = SessionFile.Read(parse.GetValue(file)!);
            foreach (var e in errors)
            {
                stderr.WriteLine($"skipped line {e.Line}: {e.Message}");
            }

            var text = new TextCollection(ocr, pipeline.Catalog, options.TextGatePackagedMass);
            var chosen = parse.GetValue(count) is { } n ? sessions.Take(n).ToArray() : sessions;
            var evidence = EvidenceCollector.Collect(chosen, pipeline.Recognizer, pipeline.Index, DataRoot.ImagesFolder(root), text);
            var with = FusionTuner.Score(pipeline.Catalog, evidence, options);
            var without = FusionTuner.Score(pipeline.Catalog, evidence, options with { TextWeight = 0 });
            var latency = LatencySummary.From(text.ReadMilliseconds);
            stdout.WriteLine($"{chosen.Count} sessions, {with.Events} events ({with.PackagedEvents} of packaged goods), text weight {options.TextWeight}, gate {options.TextGatePackagedMass}: OCR on {with.TextReadRate:P1} of events");
            stdout.WriteLine($"without label text: item accuracy {without.ItemAccuracy:P2}, packaged goods {without.PackagedAccuracy:P2}, NLL {without.MeanNll:F4}");
            stdout.WriteLine($"with label text:    item accuracy {with.ItemAccuracy:P2}, packaged goods {with.PackagedAccuracy:P2}, NLL {with.MeanNll:F4}");
            stdout.WriteLine($"OCR per frame ({text.ReadMilliseconds.Count} distinct frames, 1 thread): p50 {latency.P50:F0} ms, p95 {latency.P95:F0} ms, p99 {latency.P99:F0} ms");
            CliJson.Write(parse.GetValue(json), new { with_text = with, without_text = without, ocr_ms = latency, ocr_frames = text.ReadMilliseconds.Count });
            return 0;
        }));
        return cmd;
    }
}
