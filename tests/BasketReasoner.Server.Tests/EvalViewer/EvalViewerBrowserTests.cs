using BasketReasoner.Composition;
using BasketReasoner.Composition.Eval;
using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Reports.Viewer;
using BasketReasoner.Eval.Harness.Runs;
using Microsoft.Playwright;

namespace BasketReasoner.Server.Tests.EvalViewer;

/// <summary>
/// The evaluation report and the compare page in Debian's chromium (never a downloaded browser), built from the two
/// committed runs <c>eval/results/viewer-rules</c> and <c>eval/results/viewer-on-device</c>: filter to failures,
/// open a case, read its grader's reason; list the cases that flipped. Screenshots go to
/// <c>artifacts/test-results/eval-viewer</c>.
/// </summary>
public sealed class EvalViewerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const int LaptopWidth = 1280;

    private static readonly string RepoRoot = DefaultAssets.RepoRoot(AppContext.BaseDirectory) ?? throw new DirectoryNotFoundException("Tests must run inside the checkout.");

    private static string Run(string name) => Path.Combine(RepoRoot, "eval", "results", name);

    private static string Shots()
    {
        var dir = Path.Combine(RepoRoot, "artifacts", "test-results", "eval-viewer");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string WritePage(string html)
    {
        var path = Path.Combine(Path.GetTempPath(), $"basket-viewer-{Guid.NewGuid():N}.html");
        File.WriteAllText(path, html);
        return path;
    }

    private static async Task<(IPlaywright, IBrowser, IPage)> OpenAsync(string file)
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: run scripts/setup.sh (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = LaptopWidth, Height = 900 } });
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.Locator("#case-table tbody tr.case").First.WaitForAsync(new() { Timeout = 15_000 });
        return (playwright, browser, page);
    }

    private static bool Failed(CaseRecord r) => r.Grades.Any(g => !g.Passed);

    [Fact]
    public async Task Report_FilterToFailuresAndExpandACase_ShowsItsGraderReasons()
    {
        // The on-device run: its records name prompts, so the expanded case shows a prompt's text too.
        var dir = Run("viewer-on-device");
        var cases = CaseViewSource.FromRunFolder(dir, EvalHarnessComposition.FrameThumbnails(null));
        var file = WritePage(ReportWriter.Html(ReportWriter.ReadSummary(dir), cases));
        var failing = cases.Records.Where(Failed)
            .OrderBy(r => r.System, StringComparer.Ordinal).ThenBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.CaseId, StringComparer.Ordinal).ThenBy(r => r.Repeat).ToArray();
        Assert.NotEmpty(failing);
        var (playwright, browser, page) = await OpenAsync(file);
        using (playwright)
        await using (browser)
        {
            // Fits a laptop: nothing makes the page itself scroll sideways (wide tables scroll in their own box).
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= LaptopWidth);
            Assert.Equal(cases.Records.Count, await page.Locator("#case-table tbody tr.case").CountAsync());

            await page.SelectOptionAsync("#f-status", "fail");
            var rows = page.Locator("#case-table tbody tr.case");
            Assert.Equal(failing.Length, await rows.CountAsync());
            Assert.All(await rows.Locator("td:first-child").AllInnerTextsAsync(), t => Assert.Equal("fail", t.Trim()));

            await rows.First.ClickAsync();
            var detail = page.Locator("#case-table tr.detail");
            await detail.WaitForAsync(new() { Timeout = 5_000 });
            var reasons = await detail.Locator(".grade-reason").AllInnerTextsAsync();
            foreach (var grade in failing[0].Grades.Where(g => !g.Passed))
            {
                Assert.Contains(grade.Reason!, reasons);
            }

            Assert.Contains(failing[0].CaseId, await detail.Locator("pre.input").InnerTextAsync());
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots(), "report-failures.png"), FullPage = false });
            var promptId = failing[0].Prompts!.Split(',')[0];
            var prompt = detail.Locator("details.prompt", new() { HasTextString = promptId });
            await prompt.Locator("summary").ClickAsync();
            Assert.Equal(PromptStore.Read(dir)[promptId].Trim(), (await prompt.Locator("pre.prompt-text").InnerTextAsync()).Trim());
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots(), "report-prompt.png"), FullPage = false });

            // A grader filter with "fail" keeps the cases that grader failed; a search narrows further.
            await page.SelectOptionAsync("#f-status", "");
            await page.SelectOptionAsync("#f-grader", "citation");
            await page.SelectOptionAsync("#f-status", "fail");
            Assert.Equal(cases.Records.Count(r => r.Grades.Any(g => g.Grader == "citation" && !g.Passed)), await rows.CountAsync());
            await page.SelectOptionAsync("#f-grader", "");
            await page.FillAsync("#f-search", failing[0].CaseId);
            Assert.Equal(failing.Count(r => r.Input.Contains(failing[0].CaseId, StringComparison.OrdinalIgnoreCase) || r.CaseId.Contains(failing[0].CaseId, StringComparison.OrdinalIgnoreCase)), await rows.CountAsync());
        }
    }

    [Fact]
    public async Task Report_OfTheFullSuite_FitsALaptopScreen()
    {
        // The widest committed summary (12 rows, 8 graders): p95 and tokens must be reachable without the page
        // scrolling sideways.
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: run scripts/setup.sh (apt-get install chromium).");
        var file = WritePage(ReportWriter.Html(ReportWriter.ReadSummary(Run("full"))));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = LaptopWidth, Height = 900 } });
        await page.GotoAsync(new Uri(file).AbsoluteUri);

        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= LaptopWidth);
        var tokens = await page.Locator("table.summary th", new() { HasTextString = "tokens" }).BoundingBoxAsync();
        Assert.NotNull(tokens);
        Assert.True(tokens.X + tokens.Width <= LaptopWidth, $"the tokens column ends at {tokens.X + tokens.Width} px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots(), "report-full-summary.png"), FullPage = false });
    }

    [Fact]
    public async Task ComparePage_ListsTheCasesThatFlipped_EachWayExpandable()
    {
        var frames = EvalHarnessComposition.FrameThumbnails(null);
        var baseDir = Run("viewer-rules");
        var newDir = Run("viewer-on-device");
        var b = CaseViewSource.FromRunFolder(baseDir, frames);
        var n = CaseViewSource.FromRunFolder(newDir, frames);
        var flips = CaseFlips.Compute(b.Records, n.Records);
        Assert.NotEmpty(flips.PassToFail);
        Assert.NotEmpty(flips.FailToPass);
        var baseSummary = ReportWriter.ReadSummary(baseDir);
        var newSummary = ReportWriter.ReadSummary(newDir);
        var rows = SummaryComparer.Compare(baseSummary, newSummary, newSummary.Thresholds);
        var file = WritePage(CompareReportWriter.Html(baseSummary, newSummary, rows, b, n, "eval/results/viewer-rules", "eval/results/viewer-on-device"));
        var (playwright, browser, page) = await OpenAsync(file);
        using (playwright)
        await using (browser)
        {
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= LaptopWidth);
            var cases = page.Locator("#case-table tbody tr.case");
            Assert.Equal(flips.PassToFail.Count + flips.FailToPass.Count, await cases.CountAsync());
            var listed = await cases.Locator("td.case-id").AllInnerTextsAsync();
            Assert.Equal(flips.PassToFail.Concat(flips.FailToPass).Select(p => p.CaseId).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

            await page.SelectOptionAsync("#f-direction", "fail_to_pass");
            Assert.Equal(flips.FailToPass.Count, await cases.CountAsync());
            await cases.First.ClickAsync();
            var detail = page.Locator("#case-table tr.detail");
            await detail.WaitForAsync(new() { Timeout = 5_000 });
            // Both runs side by side: the baseline's failing reason on the left.
            Assert.Equal(2, await detail.Locator(".sides > div").CountAsync());
            var baseReason = flips.FailToPass[0].Base.SelectMany(r => r.Grades).First(g => !g.Passed).Reason!;
            Assert.Contains(baseReason, await detail.Locator(".sides > div").First.Locator(".grade-reason").AllInnerTextsAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots(), "compare-flipped.png"), FullPage = false });

            await page.SelectOptionAsync("#f-direction", "pass_to_fail");
            Assert.Equal(flips.PassToFail.Count, await cases.CountAsync());
            Assert.All(await cases.Locator("td:first-child").AllInnerTextsAsync(), t => Assert.Equal("pass → fail", t.Trim()));
        }
    }
}
