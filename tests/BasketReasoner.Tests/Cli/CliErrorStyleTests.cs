using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Cli;

/// <summary>
/// The CLI's one error style (README, "Errors and exit codes"): a bad command line is one line on stderr that names
/// the bad value, exit 2, nothing on stdout, no help page, no stack trace; a runtime failure the user can fix is one
/// line, exit 1. Every command of <c>basket --help</c> has a bad command line here, so a new command cannot skip it.
/// </summary>
public sealed class CliErrorStyleTests
{
    /// <summary>Command path, a bad command line for it, and what the one line must name.</summary>
    private static readonly (string Command, string[] Args, string Names)[] BadCommandLines =
    [
        ("", ["frobnicate"], "'frobnicate'"),
        ("demo", ["demo", "--sessions", "-3"], "--sessions: '-3'"),
        ("catalog", ["catalog", "biuld"], "'biuld'"),
        ("catalog build", ["catalog", "build", "--out"], "--out"),
        ("sim", ["sim", "--split", "tset"], "--split: 'tset' is not one of train, val, test"),
        ("sim scale", ["sim", "scale", "--minutes", "0", "--out", "x.csv"], "--minutes: '0'"),
        ("index", ["index", "rebuild"], "'rebuild'"),
        ("index build", ["index", "build", "--prototypes", "0"], "--prototypes: '0'"),
        ("tune", ["tune"], "tune needs a command"),
        ("tune fusion", ["tune", "fusion", "--file", "val.jsonl", "--target", "1.5"], "--target: '1.5'"),
        ("tune escalation", ["tune", "escalation", "--file", "val.jsonl", "--target", "-1"], "--target: '-1'"),
        ("ask", ["ask", "--bsaket", "b.json", "hi"], "unknown option '--bsaket'"),
        ("serve", ["serve", "--urls", "localhost:5080"], "--urls: 'localhost:5080'"),
        ("cart", ["cart", "--keys", "keys.json", "--speed", "0"], "--speed: '0' must be between 0.01 and 10000"),
        ("generate", ["generate", "--model", "m", "--prompt", "p", "--max-tokens", "0"], "--max-tokens: '0'"),
        ("log", ["log"], "log needs a command"),
        ("log verify", ["log", "verify", "--accept-loss", "maybe"], "'maybe'"),
        ("flywheel", ["flywheel"], "flywheel needs a command"),
        ("flywheel export", ["flywheel", "export", "--from", "/nonexistent-flywheel", "--out", "o"], "'/nonexistent-flywheel' holds no examples.jsonl"),
        ("eval", ["eval", "visoin"], "'visoin'"),
        ("eval vision", ["eval", "vision", "--split", "tset"], "--split: 'tset' is not one of train, val, test"),
        ("eval sessions", ["eval", "sessions"], "--file is required"),
        ("eval detector", ["eval", "detector", "--scenes", "d", "--limit", "-1"], "--limit: '-1'"),
        ("eval text", ["eval", "text", "--file", "f", "--sessions", "0"], "--sessions: '0'"),
        ("eval scale", ["eval", "scale", "--seeds", "x"], "--seeds: 'x' is not a whole number"),
        ("eval search", ["eval", "search", "--seed", "x"], "--seed: 'x' is not a whole number"),
        ("eval run", ["eval", "run", "s.yaml", "--shard", "3/2"], "--shard: '3/2'"),
        ("eval make-ambiguous", ["eval", "make-ambiguous", "--file", "f", "--split", "train", "--out", "o"], "--split: 'train' is not one of val, test"),
        ("eval compare", ["eval", "compare", "a"], "<new>"),
        ("eval merge", ["eval", "merge", "--out", "x"], "<runs>"),
    ];

    public static TheoryData<string, string[], string> Cases()
    {
        var data = new TheoryData<string, string[], string>();
        foreach (var (command, args, names) in BadCommandLines)
        {
            data.Add(command, args, names);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadCommandLine_PrintsOneLineNamingTheValue_Exits2(string command, string[] args, string names)
    {
        var run = BasketCli.RunCaptured(args);

        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(run.Exit == 2, $"basket {command}: exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(lines);
        Assert.StartsWith("basket: ", line, StringComparison.Ordinal);
        Assert.Contains(names, line, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void BadCommandLines_CoverEveryCommandTheHelpLists()
    {
        var listed = new List<string>();
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out var command))
        {
            var run = BasketCli.RunCaptured([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            Assert.True(run.Exit == 0, $"basket {command} --help: exit {run.Exit}\n{run.Stderr}");
            foreach (var sub in Subcommands(run.Stdout))
            {
                var path = command.Length == 0 ? sub : $"{command} {sub}";
                listed.Add(path);
                pending.Enqueue(path);
            }
        }

        Assert.True(listed.Count >= 20, string.Join(", ", listed));
        Assert.Equal(listed.Order(StringComparer.Ordinal), BadCommandLines.Select(c => c.Command).Where(c => c.Length > 0).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TuneFusion_CheckFileSimulatedFromTest_IsRefusedBeforeAnythingRuns_Exits2()
    {
        var run = BasketCli.RunCaptured("tune", "fusion", "--file", "eval/sessions/val-400.jsonl", "--check-file", "eval/sessions/test-400-alt.jsonl");

        Assert.True(run.Exit == 2, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: --check-file: ", line, StringComparison.Ordinal);
        Assert.Contains("refusing to tune on it", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TuneFusion_TestSessionsUnderAnotherName_RefusedByContent_Exits2()
    {
        // The check looked at the file name only: a copy named mysessions.jsonl was tuned on.
        var copy = Path.Combine(Path.GetTempPath(), $"mysessions-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(copy, File.ReadLines(Path.Combine(RepoPaths.Root, "eval", "sessions", "test-400.jsonl")).Take(3));
        try
        {
            var run = BasketCli.RunCaptured("tune", "fusion", "--file", copy);

            Assert.True(run.Exit == 2, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
            Assert.Contains("refusing to tune on it", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void MissingModelFolder_IsOneLineNamingIt_Exits1()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}");

        var run = BasketCli.RunCaptured("ask", "--tool-model", missing, "what's my total?");

        Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: ", line, StringComparison.Ordinal);
        Assert.Contains("no-such-model", line, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsOneLineNamingIt_Exits1()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-run-{Guid.NewGuid():N}", "summary.json");

        var run = BasketCli.RunCaptured("eval", "compare", missing, missing);

        Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: ", line, StringComparison.Ordinal);
        Assert.Contains("no-such-run", line, StringComparison.Ordinal);
    }

    [Fact]
    public void LogVerify_NoLogAtThePath_Exits1NotIntact()
    {
        // A mistyped --log read "0 records verify ... intact" with exit 0: a CI gate passed on nothing.
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-log-{Guid.NewGuid():N}", "events.db");

        var run = BasketCli.RunCaptured("log", "verify", "--log", missing);

        Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: --log: no event log at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("intact", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"2\"", "'\"2\"'")]
    [InlineData("null", "'null'")]
    [InlineData("true", "'true'")]
    public void Ask_BasketQtyNotANumber_IsTheUsageErrorOfEveryBadQty(string qty, string shown)
    {
        // "qty": "2" exited 1 (a JSON error) while -2, 2.5 and 1001 exit 2: one rule, one exit code (README table).
        var run = BasketCli.RunCaptured("ask", "--basket", $$"""[{"product":"Banana","qty":{{qty}}}]""", "what is my total?");

        Assert.True(run.Exit == 2, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        Assert.Equal($"basket: --basket $[0].qty: {shown} must be a whole number from 1 to 1000\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void EvalSessions_MissingFile_OneLineNamingFile_Exits1()
    {
        // It printed "chain: ..." first, then an error that did not name --file.
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-sessions-{Guid.NewGuid():N}.jsonl");

        var run = BasketCli.RunCaptured("eval", "sessions", "--file", missing);

        Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"basket: --file: no session file at '{missing}'.", line.TrimEnd('\r'));
    }

    [Fact]
    public void Demo_SkipPastTheLastSession_Exits2NamingSkip()
    {
        // "--skip 400" on the 400 test sessions replayed nothing and printed "summary: 0 sessions" with exit 0.
        var run = BasketCli.RunCaptured("demo", "--sessions", "5", "--skip", "400");

        Assert.True(run.Exit == 2, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: --skip: '400' leaves no session to replay", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CountBelowOne_IsRefusedBeforeAnythingRuns()
    {
        // `demo --sessions -3` used to replay nothing and report "0/-3 baskets exact" with exit 0.
        var run = BasketCli.RunCaptured("demo", "--sessions", "-3");

        Assert.Equal(2, run.Exit);
        Assert.Equal("basket: --sessions: '-3' must be at least 1\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    /// <summary>The names under "Commands:" in a help page (first word of each row).</summary>
    private static IEnumerable<string> Subcommands(string help)
    {
        var inCommands = false;
        foreach (var line in help.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("Commands:", StringComparison.Ordinal))
            {
                inCommands = true;
            }
            else if (inCommands && line.StartsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0)
            {
                yield return line.Trim().Split(' ')[0];
            }
            else if (inCommands)
            {
                inCommands = false;
            }
        }
    }
}
