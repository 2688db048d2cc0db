using System.Text.Json;
using System.Text.RegularExpressions;
using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Reports.Viewer;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Harness.Systems;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.EvalHarness;

/// <summary>The case viewer of report.html and the compare page: what the pages embed, and the flipped cases.</summary>
public partial class ReportViewerTests
{
    private const string PromptId = "choose-product/v2@0123456789ab";
    private const string PromptText = "## system\nPick the product in the frame.\n\n## user\nCandidates: {{candidates}}";

    /// <summary>A record of an ambiguous case: right when <paramref name="pass"/>, with the grader's own wording of a miss.</summary>
    private static CaseRecord Record(string system, string caseId, bool pass, int repeat = 0, string dataset = "amb", string? prompts = PromptId) => new()
    {
        System = system,
        Dataset = dataset,
        Kind = "ambiguous",
        CaseId = caseId,
        Split = "val",
        Category = caseId.EndsWith('1') ? "Fruit" : "Packages",
        Repeat = repeat,
        Input = "{\"id\":\"" + caseId + "\",\"image\":\"val/Fruit/" + caseId + ".jpg\",\"expected\":\"Lime\"}",
        Output = new SystemOutput { Text = pass ? "Lime" : "Granny-Smith", ChosenProductId = pass ? "Lime" : "Granny-Smith", InputTokens = 40, OutputTokens = 3 },
        Grades = [new GradeRecord("choice_accuracy", pass ? 1 : 0, pass, pass ? null : $"chose Granny-Smith, expected Lime ({system}/{caseId}/{repeat})")],
        LatencyMs = 12.5,
        Prompts = prompts,
    };

    private static EvalSummary Summary(IReadOnlyCollection<CaseRecord> records) =>
        SummaryBuilder.Build(new RunManifest { Suite = "viewer-test", Graders = ["choice_accuracy"] }, records);

    /// <summary>The page's embedded case data, parsed.</summary>
    private static JsonElement CaseData(string html)
    {
        var m = DataBlock().Match(html);
        Assert.True(m.Success, "no case-data block in the page");
        return JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"case-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    private sealed class FakeFrames : IFrameThumbnails
    {
        public List<string> Asked { get; } = [];

        public string? DataUri(string image)
        {
            Asked.Add(image);
            return image.Contains("missing", StringComparison.Ordinal) ? null : "data:image/jpeg;base64,QUJD";
        }
    }

    [Fact]
    public void Html_WithCases_EmbedsEveryCaseEveryReasonAndEachPromptTextOnce()
    {
        var records = Enumerable.Range(0, 30).Select(i => Record(i % 3 == 0 ? "vlm" : "rules", $"c{i}", pass: i % 4 != 1)).ToArray();
        var html = ReportWriter.Html(Summary(records), new CaseViewSource { Records = records, Prompts = new Dictionary<string, string> { [PromptId] = PromptText, ["unused/v1@x"] = "never shown" } });

        var data = CaseData(html);
        var cases = data.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(30, cases.Length);
        Assert.Equal(30, data.GetProperty("total").GetInt32());
        Assert.Equal(records.Select(r => (r.System, r.CaseId)).Order(), cases.Select(c => (c.GetProperty("system").GetString()!, c.GetProperty("case_id").GetString()!)).Order());
        foreach (var r in records.Where(r => !r.Grades[0].Passed))
        {
            var c = cases.Single(c => c.GetProperty("case_id").GetString() == r.CaseId);
            Assert.Equal("fail", c.GetProperty("status").GetString());
            Assert.Equal(r.Grades[0].Reason, c.GetProperty("grades")[0].GetProperty("reason").GetString());
            Assert.Equal(r.Input, c.GetProperty("input").GetString());
            Assert.Equal("Granny-Smith", c.GetProperty("output").GetProperty("chosen_product_id").GetString());
        }

        // Each case names its prompt by id; the text is stored once, and only prompts a case used.
        Assert.All(cases, c => Assert.Equal(PromptId, c.GetProperty("prompts")[0].GetString()));
        var prompts = data.GetProperty("prompts");
        Assert.Equal(PromptText, prompts.GetProperty(PromptId).GetString());
        Assert.False(prompts.TryGetProperty("unused/v1@x", out _));
        Assert.Single(Regex.Matches(html, Regex.Escape("Pick the product in the frame.")));

        // One self-contained file: nothing loaded from elsewhere.
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"case-view\">", html);
    }

    [Fact]
    public void Html_CaseTextClosingTheScript_StaysInsideTheDataBlock()
    {
        var evil = Record("rules", "c1", pass: false);
        evil.Input = "{\"q\":\"</script><script>alert(1)</script><!--\"}";
        var html = ReportWriter.Html(Summary([evil]), new CaseViewSource { Records = [evil] });

        // The data block and the viewer script are the page's only script elements.
        Assert.Equal(2, Regex.Matches(html, "</script>", RegexOptions.IgnoreCase).Count);
        Assert.Equal(evil.Input, CaseData(html).GetProperty("cases")[0].GetProperty("input").GetString());
    }

    [Fact]
    public void Html_FramesInlinedOncePerImage_MissingImageLeftOut()
    {
        var a = Record("rules", "c1", pass: false);
        var b = Record("vlm", "c1", pass: true);
        var c = Record("rules", "missing2", pass: true);
        var frames = new FakeFrames();
        var data = CaseData(ReportWriter.Html(Summary([a, b, c]), new CaseViewSource { Records = [a, b, c], Frames = frames }));

        Assert.Equal(["val/Fruit/c1.jpg", "val/Fruit/missing2.jpg"], frames.Asked.Order());
        Assert.Equal("data:image/jpeg;base64,QUJD", data.GetProperty("frames").GetProperty("val/Fruit/c1.jpg").GetString());
        Assert.False(data.GetProperty("frames").TryGetProperty("val/Fruit/missing2.jpg", out _));
        var byCase = data.GetProperty("cases").EnumerateArray().ToLookup(x => x.GetProperty("case_id").GetString());
        Assert.All(byCase["c1"], x => Assert.Equal("val/Fruit/c1.jpg", x.GetProperty("frame").GetString()));
        Assert.False(byCase["missing2"].Single().TryGetProperty("frame", out _));
    }

    [Fact]
    public void Html_MoreRecordsThanTheCap_KeepsEveryFailureFirst()
    {
        var records = Enumerable.Range(0, 50).Select(i => Record("rules", $"c{i:00}", pass: i % 10 != 0)).ToArray();
        var data = CaseData(ReportWriter.Html(Summary(records), new CaseViewSource { Records = records, MaxCases = 8 }));

        var kept = data.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(8, kept.Length);
        Assert.Equal(50, data.GetProperty("total").GetInt32());
        Assert.Equal(5, kept.Count(k => k.GetProperty("status").GetString() == "fail"));
    }

    [Fact]
    public void Html_WithoutCases_HasNoCaseTable_SummaryTableScrollsInItsOwnBox()
    {
        var records = new[] { Record("rules", "c1", pass: true) };
        var html = ReportWriter.Html(Summary(records));

        Assert.DoesNotContain("case-data", html);
        Assert.Contains("<div class=\"scroll\"><table class=\"summary\">", html);
    }

    [Fact]
    public void Html_LatencyHistogram_LabelsRoundTicksOnBothAxes()
    {
        var records = Enumerable.Range(0, 40).Select(i =>
        {
            var r = Record("rules", $"c{i}", pass: true);
            r.LatencyMs = 3 + i * 2.5;
            return r;
        }).ToArray();
        var html = ReportWriter.Html(Summary(records));

        var xTicks = Regex.Matches(html, "class=\"x-tick\"[^>]*>([^<]+)<").Select(m => m.Groups[1].Value).ToArray();
        Assert.True(xTicks.Length >= 4, string.Join(",", xTicks));
        Assert.Contains("20", xTicks);
        Assert.Contains("100", xTicks);
        var yTicks = Regex.Matches(html, "class=\"y-tick\"[^>]*>([^<]+)<").Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains("0", yTicks);
        Assert.DoesNotContain("-0", yTicks);
        Assert.Contains("latency (ms)", html);
    }

    [Theory]
    [InlineData(3, 101.5, 6, new[] { 20.0, 40, 60, 80, 100 })]
    [InlineData(0, 1, 4, new[] { 0.0, 0.5, 1 })]
    [InlineData(70.2, 1468.2, 8, new[] { 200.0, 400, 600, 800, 1000, 1200, 1400 })]
    [InlineData(0.4, 0.6, 5, new[] { 0.4, 0.45, 0.5, 0.55, 0.6 })]
    public void Ticks_RoundStepsInsideTheRange(double lo, double hi, int count, double[] expected) =>
        Assert.Equal(expected, ReportWriter.Ticks(lo, hi, count));

    [Fact]
    public void CaseFlips_ConstructedRuns_BothDirectionsMatchedBySystemDatasetAndCase()
    {
        CaseRecord[] baseline =
        [
            Record("a", "c1", true), Record("a", "c2", false), Record("a", "c3", true),
            Record("a", "c6", true, repeat: 0), Record("a", "c6", false, repeat: 1),
            Record("b", "c1", true), Record("b", "c9", true),
            Record("a", "c1", true, dataset: "other"),
            Record("a", "gone", true),
            new() { System = "a", Dataset = "amb", CaseId = "c4" },
        ];
        CaseRecord[] candidate =
        [
            Record("a", "c1", false), Record("a", "c2", true), Record("a", "c3", true),
            Record("a", "c6", true, repeat: 0), Record("a", "c6", true, repeat: 1),
            Record("b", "c1", true), Record("a", "c9", false),
            Record("a", "c1", true, dataset: "other"),
            new() { System = "a", Dataset = "amb", CaseId = "c4" },
        ];

        var flips = CaseFlips.Compute(baseline, candidate);

        Assert.Equal([("a", "amb", "c1")], flips.PassToFail.Select(p => (p.System, p.Dataset, p.CaseId)));
        Assert.Equal([("a", "amb", "c2"), ("a", "amb", "c6")], flips.FailToPass.Select(p => (p.System, p.Dataset, p.CaseId)));
        Assert.Equal(2, flips.FailToPass[1].Base.Count);
        Assert.Equal([0, 1], flips.FailToPass[1].New.Select(r => r.Repeat));
        // Matched and graded in both: a/c1, a/c2, a/c3, a/c6, b/c1, other/a/c1 (c4 has no grade; b/c9 and a/c9 are different systems).
        Assert.Equal(6, flips.Matched);
        Assert.Equal(2, flips.OnlyInBase);
        Assert.Equal(1, flips.OnlyInNew);
    }

    [Fact]
    public void CompareHtml_EmbedsFlippedCasesWithBothRunsReasonsAndTheMetricDeltas()
    {
        CaseRecord[] baseline = [Record("a", "c1", true), Record("a", "c2", false), Record("a", "c3", true)];
        CaseRecord[] candidate = [Record("a", "c1", false, prompts: "choose-product/v3@ffffffffffff"), Record("a", "c2", true), Record("a", "c3", true)];
        var b = Summary(baseline);
        var n = Summary(candidate);
        var rows = SummaryComparer.Compare(b, n, [new ThresholdSpec { Metric = "choice_accuracy", MaxDrop = 0.02 }]);
        var html = CompareReportWriter.Html(b, n, rows,
            new CaseViewSource { Records = baseline, Prompts = new Dictionary<string, string> { [PromptId] = PromptText } },
            new CaseViewSource { Records = candidate, Prompts = new Dictionary<string, string> { ["choose-product/v3@ffffffffffff"] = "the v3 text" } },
            "runs/base", "runs/new");

        var data = CaseData(html);
        Assert.Equal("compare", data.GetProperty("mode").GetString());
        var flips = data.GetProperty("flips").EnumerateArray().ToArray();
        Assert.Equal(2, flips.Length);
        var worse = flips.Single(f => f.GetProperty("direction").GetString() == "pass_to_fail");
        Assert.Equal("c1", worse.GetProperty("case_id").GetString());
        Assert.Equal("chose Granny-Smith, expected Lime (a/c1/0)", worse.GetProperty("new")[0].GetProperty("grades")[0].GetProperty("reason").GetString());
        Assert.Equal("pass", worse.GetProperty("base")[0].GetProperty("status").GetString());
        var better = flips.Single(f => f.GetProperty("direction").GetString() == "fail_to_pass");
        Assert.Equal("c2", better.GetProperty("case_id").GetString());
        Assert.Equal("chose Granny-Smith, expected Lime (a/c2/0)", better.GetProperty("base")[0].GetProperty("grades")[0].GetProperty("reason").GetString());
        // Both runs' prompts, each once.
        Assert.Equal(PromptText, data.GetProperty("prompts").GetProperty(PromptId).GetString());
        Assert.Equal("the v3 text", data.GetProperty("prompts").GetProperty("choose-product/v3@ffffffffffff").GetString());
        // The metric table, as the terminal gates it: accuracy 2/3 both times, so ok.
        Assert.Contains("a|amb|choice_accuracy", html);
        Assert.Contains("1 pass → fail, 1 fail → pass of 3 graded cases", html);
        Assert.Contains("runs/base", html);
    }

    [Fact]
    public void FrameThumbnails_DatasetFrame_SmallJpegDataUri_UnknownOrEscapingPathNull()
    {
        var frames = Composition.Eval.EvalHarnessComposition.FrameThumbnails(null);

        var uri = frames.DataUri("val/Fruit/Melon/Galia-Melon/Galia-Melon_002.jpg");
        Assert.NotNull(uri);
        Assert.StartsWith("data:image/jpeg;base64,", uri);
        var bytes = Convert.FromBase64String(uri["data:image/jpeg;base64,".Length..]);
        Assert.InRange(bytes.Length, 500, 12_000);
        using var picture = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.Equal(128, Math.Max(picture.Width, picture.Height));
        Assert.Null(frames.DataUri("val/Fruit/no-such-frame.jpg"));
        Assert.Null(frames.DataUri("../../etc/passwd"));
    }

    [Fact]
    public void FromRunFolder_WithoutCaseLog_NamesTheFolderAndTheFile()
    {
        var dir = HarnessFixtures.TempDir();
        var ex = Assert.Throws<FileNotFoundException>(() => CaseViewSource.FromRunFolder(dir));
        Assert.Contains(dir, ex.Message);
        Assert.Contains("cases.jsonl", ex.Message);
    }

    [Fact]
    public async Task Run_ReportHasTheCaseTable_PromptsJsonKeepsTheTexts()
    {
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 12);
        var runner = new EvalRunner(HarnessFixtures.Registry(new HarnessFixtures.CountingAssistant()));
        var run = Path.Combine(dir, "run");
        await runner.RunAsync(SuiteLoader.Parse(HarnessFixtures.Suite(data)), new EvalRunOptions { OutputDirectory = run });

        var page = CaseData(File.ReadAllText(Path.Combine(run, ReportWriter.HtmlFile)));
        var cases = page.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(12, cases.Length);
        // CountingAssistant answers N+100 when N % 4 == 1: q1, q5, q9 fail numeric with the grader's reason.
        Assert.Equal(["q1", "q5", "q9"], cases.Where(c => c.GetProperty("status").GetString() == "fail").Select(c => c.GetProperty("case_id").GetString()).Order());
        Assert.All(cases.Where(c => c.GetProperty("status").GetString() == "fail"),
            c => Assert.False(string.IsNullOrEmpty(c.GetProperty("grades").EnumerateArray().Single(g => !g.GetProperty("passed").GetBoolean()).GetProperty("reason").GetString())));
    }

    [Fact]
    public void CompareHtml_BaseWithoutCaseLog_OneLineErrorExit2NothingOnStdout()
    {
        var dir = HarnessFixtures.TempDir();
        var summaryOnly = Path.Combine(dir, "base");
        Directory.CreateDirectory(summaryOnly);
        File.Copy(Path.Combine(HarnessFixtures.RepoRoot, "eval", "baselines", "ci-summary.json"), Path.Combine(summaryOnly, "summary.json"));

        var run = BasketCli.RunCaptured("eval", "compare", summaryOnly, summaryOnly, "--html", Path.Combine(dir, "c.html"));

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("basket: --html needs run folders with cases.jsonl: BASE", line);
        Assert.False(File.Exists(Path.Combine(dir, "c.html")));
    }

    [Fact]
    public async Task CompareHtml_TwoRunFolders_KeepsTerminalTableAndExitCode_WritesFlippedCases()
    {
        var dir = HarnessFixtures.TempDir();
        var data = HarnessFixtures.WriteShopperDataset(dir, 12);
        var suite = SuiteLoader.Parse(HarnessFixtures.Suite(data, extra: "thresholds:\n  - metric: numeric\n    max_drop: 0.02"));
        // Wrong on N % 4 == 1 (q1 q5 q9) in base, on N % 3 == 1 (q1 q4 q7 q10) in new: q4 q7 q10 pass → fail, q5 q9 fail → pass.
        await new EvalRunner(HarnessFixtures.Registry(new HarnessFixtures.CountingAssistant(4))).RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "base") });
        await new EvalRunner(HarnessFixtures.Registry(new HarnessFixtures.CountingAssistant(3))).RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(dir, "new") });
        var page = Path.Combine(dir, "out", "compare.html");

        var plain = BasketCli.RunCaptured("eval", "compare", Path.Combine(dir, "base"), Path.Combine(dir, "new"));
        var run = BasketCli.RunCaptured("eval", "compare", Path.Combine(dir, "base", "summary.json"), Path.Combine(dir, "new"), "--html", page);

        Assert.Equal(3, plain.Exit); // a regression, not a usage error
        Assert.Equal(plain.Exit, run.Exit);
        Assert.Equal(plain.Stdout, run.Stdout);
        var flips = CaseData(File.ReadAllText(page)).GetProperty("flips").EnumerateArray()
            .Select(f => (f.GetProperty("direction").GetString(), f.GetProperty("case_id").GetString())).ToArray();
        Assert.Equal([("fail_to_pass", "q5"), ("fail_to_pass", "q9"), ("pass_to_fail", "q10"), ("pass_to_fail", "q4"), ("pass_to_fail", "q7")], flips.Order());
    }
}
