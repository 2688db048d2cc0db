using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Tuning;
using BasketReasoner.Vision.Ocr;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket tune fusion --file sessions/val.jsonl</c>: searches the fusion weights and the ambiguity threshold on
/// sessions simulated from <c>val</c> and writes them to the fusion config. Never point it at test sessions.
/// </summary>
internal static partial class TuneCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "Session file simulated from the val split", Required = true };
        var target = new Option<double>("--target") { Description = "Accuracy the confident decisions must reach", DefaultValueFactory = _ => 0.998 }.Between(0.0, 1.0);
        var outPath = new Option<string?>("--out") { Description = "Where to write the tuned config; default: the checkout's config/fusion.json" };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var noText = new Option<bool>("--no-text") { Description = "Tune without label text (keeps the config's text weight as it is)" };
        var mirror = new Option<bool>("--mirror") { Description = "Two views: the recognizer also runs the mirrored frame, as a server with Server:RecognizerMirror does (the cloud configuration)" };
        var checkFile = new Option<string?>("--check-file")
        {
            Description = "A second val session file simulated with other parameters (e.g. eval/sessions/val-400-alt.jsonl): the confidence model's cut must also hold there",
        };
        var noConfidence = new Option<bool>("--no-confidence-model") { Description = "Keep the fusion posterior as the confidence (no confidence model is searched or written)" };
        var fusion = new Command("fusion", "Tune fusion weights and the ambiguity threshold on val sessions")
        {
            file, target, outPath, dataRoot, model, catalogPath, json, noText, mirror, checkFile, noConfidence,
        };
        fusion.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var path = parse.GetValue(file)!;
            RefuseTestFile(path);
            var checkPath = parse.GetValue(checkFile);
            if (checkPath is not null)
            {
                RefuseTestFile(checkPath, "--check-file");
            }

            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            // Label text is tuned from the OCR's raw reads, so the pipeline's own gated reader stays off here.
            using var pipeline = CartPipeline.Open(parse.GetValue(catalogPath), parse.GetValue(model), mirror: parse.GetValue(mirror), log: stderr, labelText: false);
            using var ocr = !parse.GetValue(noText) && PaddleOcrReader.ModelsPresent(DefaultAssets.OcrFolder)
                ? new PaddleOcrReader(DefaultAssets.OcrFolder, new OcrOptions { DetectorMinSide = pipeline.Resolver.Options.TextDetectorMinSide })
                : null;
            if (ocr is null && !parse.GetValue(noText))
            {
                stderr.WriteLine($"note: no OCR models at {DefaultAssets.OcrFolder}; label text is not tuned (run scripts/fetch-ocr-models.sh).");
            }

            var (sessions, errors) = SessionFile.Read(path);
            foreach (var e in errors)
            {
                stderr.WriteLine($"skipped line {e.Line}: {e.Message}");
            }

            var textGates = new[] { 0.01, 0.05, 0.1, 0.2, 0.3, 0.5 };
            var text = ocr is null ? null : new TextCollection(ocr, pipeline.Catalog, textGates.Min());
            var evidence = CliProgress.Run(stderr, "collecting evidence", sessions.Count, "sessions",
                progress => EvidenceCollector.Collect(sessions, pipeline.Recognizer, pipeline.Index, DataRoot.ImagesFolder(root), text, progress));
            var start = FusionConfig.Load(null) with { Confidence = null };
            ConfidenceSearch? confidence = null;
            if (!parse.GetValue(noConfidence))
            {
                IReadOnlyList<SessionEvidence>? check = null;
                if (checkPath is not null)
                {
                    var (checkSessions, checkErrors) = SessionFile.Read(checkPath);
                    foreach (var e in checkErrors)
                    {
                        stderr.WriteLine($"{checkPath}: skipped line {e.Line}: {e.Message}");
                    }

                    check = CliProgress.Run(stderr, "collecting check evidence", checkSessions.Count, "sessions",
                        progress => EvidenceCollector.Collect(checkSessions, pipeline.Recognizer, pipeline.Index, DataRoot.ImagesFolder(root), text, progress));
                }

                confidence = new ConfidenceSearch([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0], [4.0, 8.0, 16.0, 24.0, 32.0, 48.0, 64.0, 96.0], [0.25, 0.5, 1.0, 2.0], check);
            }

            var result = FusionTuner.Tune(
                pipeline.Catalog, evidence, start, parse.GetValue(target),
                [0.25, 0.5, 0.75, 1.0, 1.25, 1.5], pipeline.Index is null ? [0.0] : [0.0, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0], [0.0, 1.0, 3.0], [0.001, 0.05, 0.2, 0.4, 0.6],
                text is null ? null : [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0], textGates, addedSourceWeights: [0.0, 0.25, 0.5, 1.0, 2.0], confidence: confidence);
            if (text is not null)
            {
                var ms = text.ReadMilliseconds;
                stdout.WriteLine($"label text: {ms.Count} distinct frames read, {(ms.Count == 0 ? 0 : ms.Average()):F0} ms per read (1 thread)");
                foreach (var p in result.TextGrid!.OrderBy(p => p.MeanNll).Take(5))
                {
                    stdout.WriteLine($"text weight {p.TextWeight:F2} gate {p.Gate:F2}: accuracy {p.ItemAccuracy:P2}, packaged {p.PackagedAccuracy:P2}, NLL {p.MeanNll:F4}, OCR on {p.TextReadRate:P1} of events");
                }
            }

            foreach (var p in result.Grid.OrderBy(p => p.MeanNll).Take(5))
            {
                stdout.WriteLine($"vision {p.VisionWeight:F2} retrieval {p.RetrievalWeight:F1} repeat {p.RepeatBoost:F1} outside {p.RemoveOutsideBasketMass}: accuracy {p.ItemAccuracy:P2}, NLL {p.MeanNll:F4}");
            }

            foreach (var p in result.SourceGrid ?? [])
            {
                stdout.WriteLine($"source {p.Source} weight {p.Weight:F2}: accuracy {p.ItemAccuracy:P2}, NLL {p.MeanNll:F4}");
            }

            if (result.Confidence is { } c)
            {
                foreach (var p in c.Grid.OrderByDescending(p => p.Score(parse.GetValue(target))).Take(5).Prepend(c.FusionPosterior))
                {
                    stdout.WriteLine($"confidence margin vision {p.VisionWeight:F2} retrieval {p.RetrievalWeight:F1} weight {p.WeightWeight:F2} knee {p.Knee:F1}{(p == c.FusionPosterior ? " (the fusion posterior alone)" : "")}: " +
                        $"decided {p.Decided:P1} at {p.Accuracy:P2}" + (p.CheckDecided is { } cd ? $", check {cd:P1} at {p.CheckAccuracy:P2}" : ""));
                }

                var m = c.Options.Confidence!;
                stdout.WriteLine($"confidence model: margin weights vision {c.Chosen.VisionWeight}, retrieval {c.Chosen.RetrievalWeight}, weight {c.Chosen.WeightWeight}; " +
                    $"σ({m.PosteriorSlope:F4}·logit p + {m.MarginSlope:F4}·max(0, margin − {m.Knee:F2}) + {m.Intercept:F4}); calibration error on val {c.Ece:F3}");
            }

            stdout.WriteLine($"chosen: vision {result.Options.VisionWeight}, retrieval {result.Options.RetrievalWeight}, repeat boost {result.Options.AddRepeatBoost}, remove-outside mass {result.Options.RemoveOutsideBasketMass}, " +
                $"text weight {result.Options.TextWeight}, text gate {result.Options.TextGatePackagedMass}, threshold {result.Options.AmbiguityThreshold} " +
                $"→ ambiguous {result.AmbiguousRate:P2}, accuracy when confident {result.AccuracyWhenConfident:P2} on {result.Best.Events} val events");
            var target2 = parse.GetValue(outPath) ?? Path.Combine(DefaultAssets.RepoRoot() ?? ".", "config", "fusion.json");
            FusionConfig.Save(target2, result.Options);
            CliJson.Write(parse.GetValue(json), result);
            stdout.WriteLine($"wrote {target2}");
            return 0;
        }));
        var cmd = new Command("tune", "Tune the pipeline on the val split");
        cmd.Subcommands.Add(fusion);
        cmd.Subcommands.Add(TuneEscalationCommand.Create());
        return cmd;
    }

    /// <summary>Split discipline: nothing is fitted on test. A file whose name says test is refused, with why (exit 2).</summary>
    internal static void RefuseTestFile(string path, string option = "--file")
    {
        if (Path.GetFileName(path).Contains("test", StringComparison.OrdinalIgnoreCase) || DrawsOnTest(path))
        {
            throw new UsageException($"{option}: '{path}' is a test session file; refusing to tune on it: tune on val, report on test.");
        }
    }

    // A copy of a test file under another name is still test data: a session naming a test-split image gives it away.
    private static bool DrawsOnTest(string path) => File.Exists(path) && File.ReadLines(path).Any(TestImage().IsMatch);

    [System.Text.RegularExpressions.GeneratedRegex(@"""image""\s*:\s*""test/", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex TestImage();
}
