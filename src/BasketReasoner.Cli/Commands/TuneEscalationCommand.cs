using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Composition.Eval;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Tuning;
using BasketReasoner.Generation;
using BasketReasoner.Composition.Options;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket tune escalation --file sessions/val.jsonl</c>: the fusion and cloud accept thresholds of
/// <c>config/escalation.json</c>, from val sessions: the fewest shopper asks for a target final item accuracy (see
/// <see cref="EscalationTuner"/>), and the curve of ask rate against final accuracy (<c>--html</c>). Refuses test files.
/// </summary>
internal static class TuneEscalationCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "Session file simulated from the val split", Required = true };
        var target = new Option<double>("--target") { Description = "Final item accuracy the chain must reach on val, the shopper's answers counted right (an on-device stage must reach it on its own)", DefaultValueFactory = _ => 0.998 }.Between(0.0, 1.0);
        var outPath = new Option<string?>("--out") { Description = "Where to write the tuned config; default: the checkout's config/escalation.json" };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var onDevice = new Option<string?>("--on-device") { Description = "Also tune the on-device stage with this generative model folder (e.g. models/vlm) and its choice prompt" };
        var onDevicePrompt = new Option<string?>("--on-device-prompt") { Description = "The on-device choice prompt; default: Server:OnDevicePrompt's default" };
        var confidence = new Option<double>("--confidence") { Description = "Confidence that the chosen setting's final accuracy reaches --target (one-sided Wilson bound over the val events; 0: the point estimate)", DefaultValueFactory = _ => EscalationTuner.DefaultConfidence }.Between(0.0, 0.999);
        var cloudConfig = new Option<string?>("--cloud-config") { Description = "Tune the cloud stage as the basket serve config FILE runs it (Server:ChatBackend fusion or recognizer, its recognizer folder and views; e.g. deploy/cloud/k8s/cloud.json), asked in-process about every val event; default: the recognizer-backed cloud computed from this recognizer's probabilities" };
        var html = new Option<string?>("--html") { Description = "Also write the operating curve (shopper ask rate against final accuracy) as a self-contained HTML page" };
        var cmd = new Command("escalation", "Tune the escalation thresholds on val sessions") { file, target, outPath, dataRoot, model, catalogPath, json, onDevice, onDevicePrompt, confidence, cloudConfig, html };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var path = parse.GetValue(file)!;
            TuneCommand.RefuseTestFile(path);

            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            using var pipeline = CartPipeline.Open(parse.GetValue(catalogPath), parse.GetValue(model), log: stderr);
            var (sessions, errors) = SessionFile.Read(path);
            foreach (var e in errors)
            {
                stderr.WriteLine($"skipped line {e.Line}: {e.Message}");
            }

            var evidence = EvidenceCollector.Collect(sessions, pipeline.Recognizer, pipeline.Index, DataRoot.ImagesFolder(root));
            ICandidateChooser? chooser = null;
            using var services = parse.GetValue(onDevice) is { } vlm
                ? new ServiceCollection().AddOnDeviceGeneration(
                    AppPaths.Resolve(vlm), AppPaths.Resolve(parse.GetValue(onDevicePrompt) ?? new CartServerOptions().OnDevicePrompt)).BuildServiceProvider()
                : null;
            chooser = services?.GetRequiredService<ICandidateChooser>();
            var images = DataRoot.ImagesFolder(root);
            using var cloud = parse.GetValue(cloudConfig) is { } cloudFile ? InProcessCloud.Open(cloudFile, stderr) : null;
            var result = EscalationTuner.TuneAsync(pipeline.Catalog, evidence, pipeline.Resolver.Options, EscalationConfig.Load(), parse.GetValue(target),
                chooser, image => File.ReadAllBytes(Path.Combine(images, image)), parse.GetValue(confidence), cloud: cloud?.Chooser).GetAwaiter().GetResult();
            var cloudName = cloud is null ? "recognizer-backed cloud" : $"cloud ({Path.GetFileName(cloud.ConfigFile)})";
            if (result.OnDevice is { } od)
            {
                stdout.WriteLine($"on-device ({parse.GetValue(onDevice)}) asked on {od.Asked} escalated events: top choice correct {od.ChoiceAccuracy:P1}; " +
                    (od.ReachesTarget
                        ? $"accepts {od.AcceptedRate:P1} of all events at {result.Options.OnDeviceAcceptThreshold} ({od.Accuracy:P2} correct)"
                        : $"no threshold reaches {parse.GetValue(target):P1}, so it is set to {result.Options.OnDeviceAcceptThreshold} (never accepts)"));
                foreach (var (t, accepted, accuracy) in od.AccuracyAtThreshold)
                {
                    stdout.WriteLine($"  on-device probability >= {t}: {accepted:P1} of asked events, {accuracy:P1} correct");
                }
            }

            stdout.WriteLine($"{result.Events} val events: fusion accepts {result.FusionAcceptedRate:P1} at {result.Options.FusionAcceptThreshold} ({result.FusionAccuracy:P2} correct); " +
                $"{cloudName} accepts {result.CloudAcceptedRate:P1} more at {result.Options.CloudAcceptThreshold} ({result.CloudAccuracy:P2} correct); " +
                $"shopper asked {result.ShopperRate:P1}{(result.OnDevice is null ? " (no on-device stage counted)" : "")}; truth among the {result.Options.CandidateCount} candidates shown: {result.TruthInCandidates:P1}");
            if (result.Chosen is { } chosen)
            {
                stdout.WriteLine($"chosen for a final item accuracy of {parse.GetValue(target):P2} with {parse.GetValue(confidence):P0} confidence: shopper asked {chosen.AskRate:P1}, final {chosen.FinalAccuracy:P2}" +
                    (result.WithoutCloud is { } alone ? $"; without a cloud stage: shopper asked {alone.AskRate:P1}, final {alone.FinalAccuracy:P2}" : ""));
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                File.WriteAllText(htmlPath, OperatingCurveReport.Render(result, Path.GetFileName(path), parse.GetValue(target)));
                stdout.WriteLine($"wrote {htmlPath}");
            }

            var target2 = parse.GetValue(outPath) ?? Path.Combine(DefaultAssets.RepoRoot() ?? ".", "config", "escalation.json");
            EscalationConfig.Save(target2, result.Options);
            CliJson.Write(parse.GetValue(json), result);
            stdout.WriteLine($"wrote {target2}");
            return 0;
        }));
        return cmd;
    }
}
