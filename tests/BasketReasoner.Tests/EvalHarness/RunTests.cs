using System.Text.Json;
using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Suites;

namespace BasketReasoner.Tests.EvalHarness;

public class RunTests
{
    [Fact]
    public void CacheKey_EveryPartChangesTheKey()
    {
        var key = ResponseCache.Key("openai:m", "shopper/v1@abc", "{\"id\":1}", "temperature=0", 0);
        Assert.Equal(key, ResponseCache.Key("openai:m", "shopper/v1@abc", "{\"id\":1}", "temperature=0", 0));
        Assert.NotEqual(key, ResponseCache.Key("openai:m2", "shopper/v1@abc", "{\"id\":1}", "temperature=0", 0));
        Assert.NotEqual(key, ResponseCache.Key("openai:m", "shopper/v2@abc", "{\"id\":1}", "temperature=0", 0));
        Assert.NotEqual(key, ResponseCache.Key("openai:m", "shopper/v1@abc", "{\"id\":2}", "temperature=0", 0));
        Assert.NotEqual(key, ResponseCache.Key("openai:m", "shopper/v1@abc", "{\"id\":1}", "temperature=0.7", 0));
        Assert.NotEqual(key, ResponseCache.Key("openai:m", "shopper/v1@abc", "{\"id\":1}", "temperature=0", 1));
        // Length prefixes: moving a character between parts is a different key.
        Assert.NotEqual(ResponseCache.Key("ab", "c", "", "", 0), ResponseCache.Key("a", "bc", "", "", 0));
    }

    [Fact]
    public async Task Run_Twice_SecondRunIsResumedAndCallsNothing()
    {
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 20);
        var assistant = new HarnessFixtures.CountingAssistant();
        var suite = SuiteLoader.Parse(HarnessFixtures.Suite(data));
        var runner = new EvalRunner(HarnessFixtures.Registry(assistant));
        var first = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "run") });
        Assert.Equal(20, assistant.Calls);
        Assert.Equal(0.75, first.Metrics["sys|questions|numeric"]);
        var again = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "run") });
        Assert.Equal(20, assistant.Calls);
        Assert.Equal(ReportWriter.ToJson(first), ReportWriter.ToJson(again));
    }

    [Fact]
    public async Task Run_DatasetWithNoCasesInItsSplit_RefusedNotAnEmptyPass()
    {
        // A misspelt split gave "0 case records" and exit 0: a regression gate that measured nothing passed.
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 5);
        var suite = SuiteLoader.Parse(HarnessFixtures.Suite(data).Replace("    path: " + data, "    path: " + data + "\n    split: tset", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new EvalRunner(HarnessFixtures.Registry(new HarnessFixtures.CountingAssistant()))
            .RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "run") }));

        Assert.Contains("has no cases in split 'tset'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "a suite is a mapping")]
    [InlineData("name: x\nrepeats: abc\n", "line 2, column 10")]
    public void Parse_MalformedSuite_SaysWhereWithoutDotNetTypeNames(string yaml, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SuiteLoader.Parse(yaml, "s.yaml"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BasketReasoner.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Version=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LimitBelowOne_IsAnError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SuiteLoader.Parse(HarnessFixtures.Suite("data.jsonl").Replace("    path: data.jsonl", "    path: data.jsonl\n    limit: 0", StringComparison.Ordinal)));

        Assert.Contains("limit 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AfterCrash_RunsOnlyMissingCasesAndIgnoresTornLine()
    {
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 20);
        var suite = SuiteLoader.Parse(HarnessFixtures.Suite(data));
        var full = await new EvalRunner(HarnessFixtures.Registry(new HarnessFixtures.CountingAssistant()))
            .RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "full") });

        var run = Path.Combine(dir, "crashed");
        Directory.CreateDirectory(run);
        var lines = File.ReadAllLines(Path.Combine(dir, "full", CaseLog.FileName));
        File.WriteAllText(Path.Combine(run, CaseLog.FileName), string.Join('\n', lines.Take(12)) + "\n" + lines[12][..40]);
        var assistant = new HarnessFixtures.CountingAssistant();
        var resumed = await new EvalRunner(HarnessFixtures.Registry(assistant)).RunAsync(suite, new EvalRunOptions { OutputDirectory = run });

        Assert.Equal(8, assistant.Calls);
        Assert.Equal(20, CaseLog.Read(Path.Combine(run, CaseLog.FileName)).Count);
        Assert.Equal(WithoutLatency(full), WithoutLatency(resumed));
    }

    [Fact]
    public async Task Run_WithCache_SecondRunServesCachedAndExcludesThemFromLatency()
    {
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 10);
        var suite = SuiteLoader.Parse(HarnessFixtures.Suite(data, repeats: 2));
        var assistant = new HarnessFixtures.CountingAssistant();
        var runner = new EvalRunner(HarnessFixtures.Registry(assistant));
        var cache = Path.Combine(dir, "cache");
        var first = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "a"), CacheDirectory = cache });
        Assert.Equal(20, assistant.Calls);
        Assert.Equal(20, first.Results[0].LatencySamples);

        var second = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "b"), CacheDirectory = cache });
        Assert.Equal(20, assistant.Calls);
        Assert.Equal(20, second.Results[0].Cached);
        Assert.Equal(0, second.Results[0].LatencySamples);
        Assert.Null(second.Results[0].LatencyMs);
        Assert.Equal(first.Metrics["sys|questions|numeric"], second.Metrics["sys|questions|numeric"]);

        var uncached = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "c"), CacheDirectory = null });
        Assert.Equal(40, assistant.Calls);
        Assert.Equal(0, uncached.Results[0].Cached);
    }

    [Fact]
    public async Task ShardsMerged_EqualOneRun()
    {
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 31);
        var suite = SuiteLoader.Parse(HarnessFixtures.Suite(data, repeats: 2));
        var runner = new EvalRunner(HarnessFixtures.Registry(new HarnessFixtures.CountingAssistant()));
        var whole = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "whole") });
        var shardDirs = new List<string>();
        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var shardDir = Path.Combine(dir, $"shard-{i}");
            var part = await runner.RunAsync(suite, new EvalRunOptions { OutputDirectory = shardDir, Shard = new Shard(i, 3) });
            sizes.Add(part.Records);
            shardDirs.Add(shardDir);
        }

        Assert.Equal(62, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1, 61));
        var merged = RunMerger.Merge(shardDirs, Path.Combine(dir, "merged"));
        Assert.Equal(WithoutLatency(whole), WithoutLatency(merged));
    }

    [Fact]
    public void Shard_PartitionsCasesDeterministically()
    {
        var ids = Enumerable.Range(0, 500).Select(i => $"case-{i}").ToArray();
        var owners = ids.Select(id => Enumerable.Range(0, 4).Single(i => new Shard(i, 4).Contains("d", id))).ToArray();
        Assert.All(Enumerable.Range(0, 4), i => Assert.InRange(owners.Count(o => o == i), 80, 170));
        Assert.Equal(owners, ids.Select(id => Enumerable.Range(0, 4).Single(i => new Shard(i, 4).Contains("d", id))).ToArray());
        Assert.Throws<FormatException>(() => Shard.Parse("4/4"));
        Assert.Equal(new Shard(2, 5), Shard.Parse("2/5"));
    }

    // Latency is measured, not computed: two runs of the same cases agree on everything else.
    internal static string WithoutLatency(EvalSummary s)
    {
        var copy = JsonSerializer.Deserialize<EvalSummary>(ReportWriter.ToJson(s), Core.Serialization.SnakeCaseJson.Options)!;
        foreach (var r in copy.Results)
        {
            r.LatencyMs = null;
            r.LatencyHistogram = null;
        }

        foreach (var key in copy.Metrics.Keys.Where(k => k.EndsWith("_ms", StringComparison.Ordinal)).ToArray())
        {
            copy.Metrics.Remove(key);
        }

        return ReportWriter.ToJson(copy);
    }
}
