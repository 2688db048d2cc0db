using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Eval.Vision;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Cli.Commands;

/// <summary><c>basket eval vision --split test</c>: the recognizer alone, top-1/top-5 and confusions.</summary>
internal static class EvalVisionCommand
{
    public static Command Create()
    {
        var split = new Option<string>("--split") { Description = "train, val or test", DefaultValueFactory = _ => "val" }.OneOf(CommonOptions.Splits);
        var mirror = new Option<bool>("--mirror") { Description = "Two views: also run the mirrored frame and average (the default before 2026-12-07; default: one view)" };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var precision = CommonOptions.Precision();
        var cmd = new Command("vision", "Score the recognizer alone on a dataset split") { split, mirror, precision, dataRoot, model, catalogPath, json };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var catalog = ProductCatalog.Load(parse.GetValue(catalogPath) ?? DefaultAssets.CatalogPath);
            using var recognizer = new OnnxProductRecognizer(
                parse.GetValue(model) ?? DefaultAssets.RecognizerFolder,
                new OnnxRecognizerOptions
                {
                    MirrorAveraging = parse.GetValue(mirror) || new OnnxRecognizerOptions().MirrorAveraging,
                    Precision = RecognizerPrecisionNames.ParseChoice(parse.GetValue(precision)!),
                });
            var splitName = parse.GetValue(split)!;
            var report = CliProgress.Run(stderr, $"recognizing {splitName}", SplitFile.Read(root, splitName).Count, "images",
                progress => VisionEvaluation.Run(recognizer, catalog, root, splitName, progress)) with { Recognizer = recognizer.Graph };
            stdout.WriteLine($"recognizer: {report.Recognizer}");
            stdout.WriteLine($"{report.Split}: {report.Images} images  top-1 {report.Top1:P1}  top-5 {report.Top5:P1}  coarse top-1 {report.CoarseTop1:P1}");
            foreach (var (cat, acc) in report.Top1ByTopCategory)
            {
                stdout.WriteLine($"  {cat,-12} top-1 {acc:P1}");
            }

            stdout.WriteLine($"  latency p50 {report.LatencyMs.P50:F2} ms  p95 {report.LatencyMs.P95:F2} ms  allocated {report.AllocatedBytesPerFrame:F0} B/frame");
            foreach (var c in report.TopConfusions.Take(8))
            {
                stdout.WriteLine($"  {c.Count,3} × {c.Truth} → {c.Chosen}");
            }

            foreach (var e in report.Errors)
            {
                stderr.WriteLine($"skipped {e}");
            }

            CliJson.Write(parse.GetValue(json), report);
            return 0;
        }));
        return cmd;
    }
}
