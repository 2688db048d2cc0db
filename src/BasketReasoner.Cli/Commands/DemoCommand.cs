using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Replay;

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
        var count = new Option<int>("--sessions") { Description = "How many sessions to replay", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var skip = new Option<int>("--skip") { Description = "Sessions to skip first", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var chainOptions = new ChainOptions();
        var cmd = new Command("demo", "Replay test-split cart sessions through the pipeline and the escalation chain; print decisions, baskets and receipts")
        {
            file, count, skip, dataRoot, model, catalogPath,
        };
        foreach (var option in chainOptions.All)
        {
            cmd.Options.Add(option);
        }

        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var images = DataRoot.ImagesFolder(root);
            var path = parse.GetValue(file) ?? Path.Combine(DefaultAssets.RepoRoot() ?? AppContext.BaseDirectory, "eval", "sessions", "test-400.jsonl");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"session file not found: {path} (make one with `basket sim --split test`)");
            }

            var (sessions, errors) = SessionFile.Read(path);
            foreach (var e in errors)
            {
                stderr.WriteLine($"{path}:{e.Line}: skipped: {e.Message}");
            }

            // "--skip 400" on a file of 400 replayed nothing and said "summary: 0 sessions" with exit 0; fewer than asked is said.
            var (skipped, asked) = (parse.GetValue(skip), parse.GetValue(count));
            if (skipped >= sessions.Count)
            {
                throw new UsageException($"--skip: '{skipped}' leaves no session to replay: {Path.GetFileName(path)} holds {sessions.Count}.");
            }

            if (skipped + asked > sessions.Count)
            {
                stderr.WriteLine($"note: {Path.GetFileName(path)} holds {sessions.Count} sessions; replaying the {sessions.Count - skipped} after the first {skipped}, not {asked}.");
            }

            // The label-text gate follows the chain's acceptance threshold, as in basket serve and eval sessions.
            using var pipeline = CartPipeline.Open(parse.GetValue(catalogPath), parse.GetValue(model), log: stderr, textDecidedAt: chainOptions.FusionAcceptThreshold(parse));
            stdout.WriteLine($"BasketReasoner demo: {Path.GetFileName(path)}, data root {root}");
            stdout.WriteLine($"fusion: vision ×{pipeline.Resolver.Options.VisionWeight}, retrieval ×{pipeline.Resolver.Options.RetrievalWeight}, ambiguous below p={pipeline.Resolver.Options.AmbiguityThreshold}");
            var (chain, chainServices, chainDescription) = chainOptions.Build(parse, pipeline.Catalog);
            using var disposeChain = chainServices;
            stdout.WriteLine($"chain: {chainDescription}");
            var printer = new DemoPrinter(stdout, pipeline.Catalog);
            var replay = new SessionReplayer(pipeline.Resolver, images) { Chain = chain }
                .Replay(sessions.Skip(parse.GetValue(skip)).Take(parse.GetValue(count)), observer: printer);

            var n = replay.Sessions.Count;
            stdout.WriteLine();
            stdout.WriteLine($"summary: {n} sessions, {printer.Events} events; fusion: {printer.Correct} right, {printer.Ambiguous} flagged ambiguous; " +
                $"{printer.ExactBaskets}/{n} baskets exact{(chain is null ? "" : " after the chain")}");
            ChainPrinter.Print(stdout, SessionScorer.Score(replay, catalog: pipeline.Catalog));
            return 0;
        }));
        return cmd;
    }
}
