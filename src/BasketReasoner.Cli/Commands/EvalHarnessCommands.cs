using BasketReasoner.Composition;
using BasketReasoner.Composition.Eval;
using System.CommandLine;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Reports.Viewer;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Replay;
using Spectre.Console;

namespace BasketReasoner.Cli.Commands;

/// <summary><c>basket eval run | make-ambiguous | compare | merge</c>: the evaluation harness.</summary>
internal static class EvalHarnessCommands
{
    /// <summary>Exit code of <c>compare</c> when a gated metric regressed (1 stays "could not run").</summary>
    public const int RegressionExitCode = CommandAction.CheckFailed;

    public static Command CreateRun()
    {
        var suite = new Argument<string>("suite") { Description = "Suite file (YAML)" };
        var output = new Option<string?>("--out") { Description = "Run folder; default: eval/runs/<suite name>[-shard-i-of-n]" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the response cache" };
        var cacheDir = new Option<string?>("--cache") { Description = "Response cache folder; default: eval/.cache" };
        var shard = new Option<string?>("--shard") { Description = "Run shard i/n (i from 0) of the cases" }.Must(ShardProblem);
        var concurrency = new Option<int?>("--concurrency") { Description = "Override the suite's concurrency" }.AtLeast(1);
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar (also off when not a terminal or CI is set)" };
        var dataRoot = CommonOptions.DataRoot();
        var cmd = new Command("run", "Run an evaluation suite: datasets × systems × graders; resumable, cached, shardable")
        {
            suite, output, noCache, cacheDir, shard, concurrency, noProgress, dataRoot,
        };
        cmd.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            var spec = SuiteLoader.Load(parse.GetValue(suite)!);
            var shardSpec = parse.GetValue(shard) is { } s ? Shard.Parse(s) : Shard.All;
            var repo = DefaultAssets.RepoRoot() ?? Directory.GetCurrentDirectory();
            var outDir = parse.GetValue(output)
                ?? Path.Combine(repo, "eval", "runs", spec.Name + (shardSpec.Count > 1 ? $"-shard-{shardSpec.Index}-of-{shardSpec.Count}" : ""));
            using var composition = EvalHarnessComposition.Create(parse.GetValue(dataRoot), stderr);
            var runner = new EvalRunner(composition.Registry);
            var cache = parse.GetValue(noCache) ? null : parse.GetValue(cacheDir) ?? Path.Combine(repo, "eval", ".cache");
            EvalSummary summary;
            if (CliProgress.Live(parse.GetValue(noProgress)))
            {
                summary = await CliProgress.Stderr.Progress().AutoClear(false).StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(spec.Name);
                    return await runner.RunAsync(spec, Options(new SpectreProgress(task)), ct);
                });
            }
            else
            {
                summary = await runner.RunAsync(spec, Options(null), ct);
            }

            stdout.Write(ReportWriter.Markdown(summary));
            stdout.WriteLine($"\nrun folder: {outDir} (summary.json, report.md, report.html, cases.jsonl)");
            return 0;

            EvalRunOptions Options(IProgress<RunProgress>? progress) => new()
            {
                OutputDirectory = outDir,
                CacheDirectory = cache,
                Shard = shardSpec,
                Concurrency = parse.GetValue(concurrency),
                Progress = progress,
                Frames = composition.Frames,
            };
        }));
        return cmd;
    }

    public static Command CreateMakeAmbiguous()
    {
        var file = new Option<string>("--file") { Description = "Session file (JSON Lines) with per-event truth", Required = true };
        var split = new Option<string>("--split") { Description = "Split written on each case (val or test)", Required = true }.OneOf("val", "test");
        var output = new Option<string>("--out") { Description = "Ambiguous-item cases (JSON Lines)", Required = true };
        var topK = new Option<int>("--top") { Description = "Candidates per case (the fusion's top K)", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var dataRoot = CommonOptions.DataRoot();
        var cmd = new Command("make-ambiguous", "Cases for later stages: events the fusion pipeline finds ambiguous or gets wrong, with its top candidates")
        {
            file, split, output, topK, dataRoot,
        };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            using var pipeline = CartPipeline.Open(log: stderr);
            var (sessions, errors) = SessionFile.Read(parse.GetValue(file)!, id => pipeline.Catalog.TryGet(id, out _));
            foreach (var e in errors)
            {
                stderr.WriteLine($"skipped line {e.Line}: {e.Message}");
            }

            var replay = CliProgress.Run(stderr, "replaying", sessions.Count, "sessions",
                progress => new SessionReplayer(pipeline.Resolver, DataRoot.ImagesFolder(root)).Replay(sessions, progress));
            var cases = AmbiguousCaseBuilder.Build(replay, parse.GetValue(split)!, parse.GetValue(topK));
            File.WriteAllLines(parse.GetValue(output)!, cases.Select(DatasetLoader.ToLine));
            var events = replay.Sessions.Sum(s => s.Events.Count);
            var reachable = cases.Count(c => c.Candidates.Contains(c.Expected));
            stdout.WriteLine($"{cases.Count} ambiguous-or-wrong events of {events} ({sessions.Count} sessions); truth among the top {parse.GetValue(topK)} in {reachable} ({(cases.Count == 0 ? 0 : (double)reachable / cases.Count):P1})");
            return 0;
        }));
        return cmd;
    }

    public static Command CreateCompare()
    {
        var baseline = new Argument<string>("base") { Description = "Baseline run folder (or its summary.json)" };
        var candidate = new Argument<string>("new") { Description = "New run folder (or its summary.json)" };
        var thresholds = new Option<string?>("--thresholds") { Description = "Thresholds (YAML list, or a suite file); default: the new summary's own" };
        var html = new Option<string?>("--html") { Description = "Also write one self-contained HTML page: metric deltas and the cases that flipped (needs both runs' cases.jsonl)" };
        var dataRoot = CommonOptions.DataRoot();
        var cmd = new Command("compare", $"Compare two summaries; exit {RegressionExitCode} when a gated metric regressed") { baseline, candidate, thresholds, html, dataRoot };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            var basePath = parse.GetValue(baseline)!;
            var newPath = parse.GetValue(candidate)!;
            var page = parse.GetValue(html);
            // Checked before anything is printed: a page without cases is not what was asked for.
            var baseFolder = page is null ? null : CasesFolder(basePath, "BASE");
            var newFolder = page is null ? null : CasesFolder(newPath, "NEW");
            var b = ReportWriter.ReadSummary(basePath);
            var n = ReportWriter.ReadSummary(newPath);
            var gates = parse.GetValue(thresholds) is { } path ? SuiteLoader.LoadThresholds(path) : n.Thresholds.Count > 0 ? n.Thresholds : b.Thresholds;
            var rows = SummaryComparer.Compare(b, n, gates);
            stdout.Write(SummaryComparer.Table(rows));
            if (page is not null)
            {
                var frames = EvalHarnessComposition.FrameThumbnails(parse.GetValue(dataRoot));
                var text = CompareReportWriter.Html(b, n, rows, CaseViewSource.FromRunFolder(baseFolder!, frames), CaseViewSource.FromRunFolder(newFolder!, frames), basePath, newPath);
                if (Path.GetDirectoryName(Path.GetFullPath(page)) is { } dir)
                {
                    Directory.CreateDirectory(dir);
                }

                File.WriteAllText(page, text);
                stderr.WriteLine($"compare page: {page}");
            }

            return rows.Any(r => r.Status == ComparisonStatus.Regression) ? RegressionExitCode : 0;
        }));
        return cmd;
    }

    /// <summary>The run folder of a compare argument (a folder, or the folder of its summary.json) when it holds cases.jsonl.</summary>
    private static string CasesFolder(string path, string which)
    {
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
        return File.Exists(Path.Combine(folder, CaseLog.FileName))
            ? folder
            : throw new UsageException($"--html needs run folders with {CaseLog.FileName}: {which} '{path}' has none (a summary.json alone has no cases)");
    }

    public static Command CreateMerge()
    {
        var dirs = new Argument<string[]>("runs") { Description = "Run folders (one per shard)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged run folder (empty or new)", Required = true };
        var dataRoot = CommonOptions.DataRoot();
        var cmd = new Command("merge", "Merge shard run folders into one run: the same summary as an unsharded run") { dirs, output, dataRoot };
        cmd.SetAction(parse => CommandAction.Run(parse, (stdout, _) =>
        {
            var summary = RunMerger.Merge(parse.GetValue(dirs)!, parse.GetValue(output)!, EvalHarnessComposition.FrameThumbnails(parse.GetValue(dataRoot)));
            stdout.Write(ReportWriter.Markdown(summary));
            return 0;
        }));
        return cmd;
    }

    private static string? ShardProblem(string? text)
    {
        try
        {
            _ = text is null ? Shard.All : Shard.Parse(text);
            return null;
        }
        catch (FormatException)
        {
            return "must be i/n with 0 <= i < n";
        }
    }

    private sealed class SpectreProgress(ProgressTask task) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            task.Description = $"cases (cached {value.Cached}, errors {value.Errors})";
        }
    }
}
