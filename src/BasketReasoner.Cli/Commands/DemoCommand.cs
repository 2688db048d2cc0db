using System.CommandLine;
using System.Globalization;
using BasketReasoner.Cli.Composition;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket demo</c>: replays cart sessions simulated from the test split through the whole pipeline on the
/// embedded defaults, printing every decision with its evidence, then each final basket and its receipt.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file") { Description = "Session file; default: the committed eval/sessions/test-400.jsonl" };
        var count = new Option<int>("--sessions") { Description = "How many sessions to replay", DefaultValueFactory = _ => 3 };
        var skip = new Option<int>("--skip") { Description = "Sessions to skip first", DefaultValueFactory = _ => 0 };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var cmd = new Command("demo", "Replay test-split cart sessions through the pipeline and print decisions, baskets and receipts") { file, count, skip, dataRoot, model, catalogPath };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var images = DataRoot.ImagesFolder(root);
            var path = parse.GetValue(file) ?? Path.Combine(DefaultAssets.RepoRoot() ?? AppContext.BaseDirectory, "eval", "sessions", "test-400.jsonl");
            if (!File.Exists(path))
            {
                stderr.WriteLine($"session file not found: {path} (make one with `basket sim --split test`)");
                return 1;
            }

            var (sessions, errors) = SessionFile.Read(path);
            foreach (var e in errors)
            {
                stderr.WriteLine($"{path}:{e.Line}: skipped: {e.Message}");
            }

            using var pipeline = CartPipeline.Open(parse.GetValue(catalogPath), parse.GetValue(model), log: stderr);
            stdout.WriteLine($"BasketReasoner demo: {Path.GetFileName(path)}, data root {root}");
            stdout.WriteLine($"fusion: vision ×{pipeline.Resolver.Options.VisionWeight}, retrieval ×{pipeline.Resolver.Options.RetrievalWeight}, ambiguous below p={pipeline.Resolver.Options.AmbiguityThreshold}");
            int events = 0, correct = 0, ambiguous = 0, baskets = 0;
            foreach (var session in sessions.Skip(parse.GetValue(skip)).Take(parse.GetValue(count)))
            {
                var (e, c, a, ok) = Replay(stdout, session, pipeline.Resolver, pipeline.Catalog, images);
                events += e;
                correct += c;
                ambiguous += a;
                baskets += ok ? 1 : 0;
            }

            var n = Math.Min(parse.GetValue(count), Math.Max(0, sessions.Count - parse.GetValue(skip)));
            stdout.WriteLine();
            stdout.WriteLine($"summary: {n} sessions, {events} events, {correct} right, {ambiguous} flagged ambiguous, {baskets}/{n} baskets exact");
            return 0;
        }));
        return cmd;
    }

    private static (int Events, int Correct, int Ambiguous, bool BasketOk) Replay(TextWriter stdout, CartSession session, ICartEventResolver resolver, ProductCatalog catalog, string images)
    {
        stdout.WriteLine();
        stdout.WriteLine($"── session {session.Id} ({session.Events.Count} events) " + new string('─', 40));
        var basket = new Basket();
        var ledger = new WeighingLedger();
        int correct = 0, ambiguous = 0;
        for (var i = 0; i < session.Events.Count; i++)
        {
            var ev = session.Events[i];
            Resolution r;
            try
            {
                r = resolver.Resolve(ev, File.ReadAllBytes(Path.Combine(images, ev.Image)), basket);
            }
            catch (Exception ex) when (ex is IOException or InvalidImageException or UnauthorizedAccessException)
            {
                stdout.WriteLine($" #{ev.Seq,-3} {Kind(ev.Type)} skipped: {ex.Message}");
                continue;
            }

            var truth = session.EventTruth?[i];
            var mark = truth is null ? "" : r.ProductId == truth ? "  ✓" : $"  ✗ (was {truth})";
            correct += r.ProductId == truth ? 1 : 0;
            ambiguous += r.IsAmbiguous ? 1 : 0;
            var weight = ev.WeightDeltaGrams is { } w ? string.Create(CultureInfo.InvariantCulture, $"{w,+9:+0.0;-0.0} g") : "  no weight";
            var flag = r.IsAmbiguous ? "  AMBIGUOUS → next stage" : "";
            stdout.WriteLine($" #{ev.Seq,-3} {Kind(ev.Type)} {weight}  → {r.ProductId,-34} p={r.Confidence:0.000}  [{r.Stage} {r.LatencyMs:0.0} ms]{flag}{mark}");
            foreach (var c in r.Candidates.Take(3))
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"        {c.ProductId,-34} post {c.Posterior:0.0000}  vision {c.VisionProbability:0.000}  retrieval {c.RetrievalSimilarity:0.00}  weight ll {c.WeightLogLikelihood:0.0}  prior {c.LogPrior:0.0}"));
            }

            var change = BasketUpdate.Apply(basket, r);
            if (change.AppliedProductId is { } applied)
            {
                if (ev.Type == CartEventType.Add)
                {
                    ledger.RecordAdd(applied, ev.WeightDeltaGrams);
                }
                else
                {
                    ledger.RecordRemove(applied);
                }
            }

            if (change.Reconciled)
            {
                stdout.WriteLine($"        basket reconciled: {r.ProductId} was not in the basket; took out {change.AppliedProductId}, the likeliest line it holds");
            }
        }

        var receipt = Receipt.Build(catalog, basket, ledger);
        stdout.WriteLine($"  receipt (DEMO store prices, not real, {receipt.Currency}):");
        foreach (var l in receipt.Lines)
        {
            var name = catalog.Get(l.ProductId).DisplayName;
            var what = l.Grams is { } g
                ? string.Create(CultureInfo.InvariantCulture, $"{l.Qty} × {name} ({g / 1000:0.000} kg{(l.GramsEstimated ? ", partly estimated" : "")} @ {l.UnitPrice:0.00}/kg)")
                : string.Create(CultureInfo.InvariantCulture, $"{l.Qty} × {name} @ {l.UnitPrice:0.00}");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {what,-66} {l.Total,9:0.00}"));
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {"total",-66} {receipt.Total,9:0.00}"));
        var ok = basket.Matches(session.Expected);
        stdout.WriteLine($"  final basket {(ok ? "matches the expected basket ✓" : "differs from the expected basket ✗")}");
        return (session.Events.Count, correct, ambiguous, ok);
    }

    private static string Kind(CartEventType t) => t == CartEventType.Add ? "add   " : "remove";
}
