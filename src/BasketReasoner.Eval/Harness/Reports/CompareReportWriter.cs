using System.Globalization;
using System.Net;
using System.Text;
using BasketReasoner.Eval.Harness.Reports.Viewer;

namespace BasketReasoner.Eval.Harness.Reports;

/// <summary>
/// <c>basket eval compare BASE NEW --html OUT</c>: one self-contained page with every metric's change (as the
/// terminal table gates it) and the cases that flipped each way, each expandable to both runs' input, output,
/// grades with reasons and prompts.
/// </summary>
public static class CompareReportWriter
{
    /// <param name="baseline">BASE's summary.</param>
    /// <param name="candidate">NEW's summary.</param>
    /// <param name="rows">What <see cref="SummaryComparer.Compare"/> gave for them.</param>
    /// <param name="baselineCases">BASE's case records and prompt texts.</param>
    /// <param name="candidateCases">NEW's.</param>
    /// <param name="baseLabel">How the page names BASE (its path).</param>
    /// <param name="newLabel">How the page names NEW.</param>
    public static string Html(EvalSummary baseline, EvalSummary candidate, IReadOnlyList<ComparisonRow> rows,
        CaseViewSource baselineCases, CaseViewSource candidateCases, string baseLabel, string newLabel)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(baselineCases);
        ArgumentNullException.ThrowIfNull(candidateCases);
        var flips = CaseFlips.Compute(baselineCases.Records, candidateCases.Records);
        var title = $"Compare {baseline.Suite} → {candidate.Suite}";
        var h = new StringBuilder(ViewerAssets.Head(title));
        h.Append("<h1>").Append(E(title)).Append("</h1>")
            .Append("<p><b>base</b>: ").Append(E(baseLabel)).Append(CultureInfo.InvariantCulture, $" ({baselineCases.Records.Count:N0} case records)<br><b>new</b>: ")
            .Append(E(newLabel)).Append(CultureInfo.InvariantCulture, $" ({candidateCases.Records.Count:N0} case records)</p>")
            .Append("<nav><a href=\"#flips\">flipped cases</a><a href=\"#metrics\">metrics</a></nav>");

        var regressions = rows.Count(r => r.Status == ComparisonStatus.Regression);
        h.Append("<h2 id=\"flips\">Flipped cases</h2>")
            .Append(CultureInfo.InvariantCulture,
                $"<p id=\"flip-summary\">{flips.PassToFail.Count} pass → fail, {flips.FailToPass.Count} fail → pass of {flips.Matched:N0} graded cases in both runs (matched by system, dataset and case id; a case passes when every repeat passes every grade)")
            .Append(flips.OnlyInBase + flips.OnlyInNew > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {flips.OnlyInBase:N0} only in base, {flips.OnlyInNew:N0} only in new") : "")
            .Append(".</p>");
        var groups = flips.PassToFail.Select(p => (p, Worse: true)).Concat(flips.FailToPass.Select(p => (p, Worse: false)))
            .GroupBy(x => (x.p.System, x.p.Dataset)).OrderBy(g => g.Key.System, StringComparer.Ordinal).ThenBy(g => g.Key.Dataset, StringComparer.Ordinal).ToArray();
        if (groups.Length > 0)
        {
            h.Append("<div class=\"scroll\"><table class=\"summary\"><tr><th>system</th><th>dataset</th><th>pass → fail</th><th>fail → pass</th></tr>");
            foreach (var g in groups)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(g.Key.System)}</td><td>{E(g.Key.Dataset)}</td><td>{g.Count(x => x.Worse)}</td><td>{g.Count(x => !x.Worse)}</td></tr>");
            }

            h.Append("</table></div>");
        }

        h.Append("<div id=\"case-view\"></div>");
        h.Append("<h2 id=\"metrics\">Metrics</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p>{rows.Count(r => r.Status == ComparisonStatus.Ok)} gated ok, <b>{regressions} regression(s)</b>, {rows.Count(r => r.Status == ComparisonStatus.Ungated)} ungated. Latency, error rate and tokens are lower-is-better.</p>")
            .Append(MetricTable(rows));
        h.Append(ViewerAssets.DataAndScript(CaseViewJson.Compare(title, "base", "new", flips, baselineCases, candidateCases)));
        return h.Append("</body></html>\n").ToString();
    }

    private static string MetricTable(IReadOnlyList<ComparisonRow> rows)
    {
        var t = new StringBuilder("<div class=\"scroll\"><table class=\"metrics\"><tr><th>metric</th><th>base</th><th>new</th><th>delta</th><th>status</th><th>gate</th></tr>");
        foreach (var r in rows)
        {
            var delta = r.Base is { } b && r.New is { } n ? n - b : (double?)null;
            var better = delta is { } d && Math.Abs(d) > 1e-12 && (SummaryComparer.IsLowerBetter(r.Metric) ? d < 0 : d > 0);
            var css = r.Status == ComparisonStatus.Regression ? " class=\"regression\"" : better ? " class=\"improved\"" : "";
            t.Append(CultureInfo.InvariantCulture, $"<tr{css}><td>{E(r.Metric)}</td><td>{F(r.Base)}</td><td>{F(r.New)}</td><td>{(delta is { } x ? x.ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture) : "")}</td><td>{r.Status.ToString().ToUpperInvariant()}</td><td>{E(r.Rule)}</td></tr>");
        }

        return t.Append("</table></div>").ToString();
    }

    private static string F(double? v) => v is { } d ? d.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
