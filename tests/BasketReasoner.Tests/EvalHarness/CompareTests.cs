using BasketReasoner.Composition;
using BasketReasoner.Composition.Eval;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Suites;

namespace BasketReasoner.Tests.EvalHarness;

public class CompareTests
{
    private static EvalSummary Summary(params (string Key, double Value)[] metrics)
    {
        var s = new EvalSummary { Suite = "t" };
        foreach (var (k, v) in metrics)
        {
            s.Metrics[k] = v;
        }

        return s;
    }

    [Fact]
    public void Compare_DropBeyondThreshold_IsRegression_WithinIsOk()
    {
        ThresholdSpec[] gates = [new() { Metric = "choice_accuracy", MaxDrop = 0.02 }, new() { Metric = "latency_p95_ms", MaxIncreaseRatio = 0.5 }];
        var baseline = Summary(("a|d|choice_accuracy", 0.80), ("a|d|latency_p95_ms", 10), ("a|d|kind", 0.9));
        var ok = SummaryComparer.Compare(baseline, Summary(("a|d|choice_accuracy", 0.79), ("a|d|latency_p95_ms", 14.9), ("a|d|kind", 0.1)), gates);
        Assert.DoesNotContain(ok, r => r.Status == ComparisonStatus.Regression);
        Assert.Equal(ComparisonStatus.Ungated, ok.Single(r => r.Metric == "a|d|kind").Status);

        var bad = SummaryComparer.Compare(baseline, Summary(("a|d|choice_accuracy", 0.77), ("a|d|latency_p95_ms", 15.1), ("a|d|kind", 0.9)), gates);
        Assert.Equal(ComparisonStatus.Regression, bad.Single(r => r.Metric == "a|d|choice_accuracy").Status);
        Assert.Equal(ComparisonStatus.Regression, bad.Single(r => r.Metric == "a|d|latency_p95_ms").Status);
    }

    [Fact]
    public void Compare_GatedMetricMissingFromNew_IsRegression()
    {
        ThresholdSpec[] gates = [new() { Metric = "*|*|choice_accuracy", MaxDrop = 0.5 }];
        var rows = SummaryComparer.Compare(Summary(("a|d|choice_accuracy", 0.8)), Summary(("b|d|choice_accuracy", 0.8)), gates);
        Assert.Equal(ComparisonStatus.Regression, rows.Single(r => r.Metric == "a|d|choice_accuracy").Status);
        Assert.Equal(ComparisonStatus.New, rows.Single(r => r.Metric == "b|d|choice_accuracy").Status);
    }

    [Fact]
    public void Matches_WildcardsAndSuffixes()
    {
        Assert.True(SummaryComparer.Matches("choice_accuracy", "rules|amb|choice_accuracy"));
        Assert.True(SummaryComparer.Matches("rules|*|choice_accuracy", "rules|amb|choice_accuracy"));
        Assert.False(SummaryComparer.Matches("chat|*|choice_accuracy", "rules|amb|choice_accuracy"));
        Assert.False(SummaryComparer.Matches("accuracy", "rules|amb|choice_accuracy"));
    }
}

/// <summary>The CI gate end to end: the committed ci suite against the committed baseline, and a planted regression.</summary>
public class CiSuiteTests
{
    private static string CiSuitePath => Path.Combine(HarnessFixtures.RepoRoot, "eval", "suites", "ci.yaml");

    private static string BaselinePath => Path.Combine(HarnessFixtures.RepoRoot, "eval", "baselines", "ci-summary.json");

    private static async Task<string> RunAsync(EvalSuite suite)
    {
        var dir = HarnessFixtures.TempDir();
        using var composition = EvalHarnessComposition.Create(null, TextWriter.Null);
        await new EvalRunner(composition.Registry).RunAsync(suite, new EvalRunOptions { OutputDirectory = dir });
        return dir;
    }

    private static int CompareExitCode(string baseline, string candidate, out string table)
    {
        (var code, table) = BasketCli.Run("eval", "compare", baseline, candidate);
        return code;
    }

    [Fact]
    public async Task CiSuite_AgainstCommittedBaseline_Passes()
    {
        var run = await RunAsync(SuiteLoader.Load(CiSuitePath));
        var code = CompareExitCode(BaselinePath, run, out var table);
        Assert.True(code == 0, table);
        Assert.Contains("rules|ambiguous-val|choice_accuracy", table);
    }

    [Fact]
    public async Task CiSuite_WithPlantedRegression_FailsCompare()
    {
        // The planted regression: the same "rules" system with the weight likelihood switched off.
        var dir = HarnessFixtures.TempDir();
        var worse = Path.Combine(dir, "fusion-no-weight.json");
        var config = FusionConfig.Load();
        FusionConfig.Save(worse, config with { WeightWeight = 0 });
        var yaml = File.ReadAllText(CiSuitePath).Replace("    backend: rules\n", $"    backend: rules\n    options:\n      fusion_config: {worse}\n", StringComparison.Ordinal);
        Assert.Contains("fusion_config", yaml);
        var run = await RunAsync(SuiteLoader.Parse(yaml));

        var code = CompareExitCode(BaselinePath, run, out var table);
        // `basket eval compare` exits 3 on a regression (1 is an error, 2 a usage error).
        Assert.Equal(3, code);
        Assert.Contains("REGRESSION", table);
    }
}
