using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BasketReasoner.Core.Serialization;
using BasketReasoner.Eval.Harness.Reports.Viewer;

namespace BasketReasoner.Eval.Harness.Reports;

/// <summary>Writes <c>summary.json</c>, <c>report.md</c> and a self-contained <c>report.html</c> (inline SVG, style, case data and
/// script; nothing loaded from elsewhere).</summary>
public static class ReportWriter
{
    public const string SummaryFile = "summary.json";

    public const string HtmlFile = "report.html";

    /// <param name="directory">The run folder.</param>
    /// <param name="summary">The run's summary.</param>
    /// <param name="cases">The case records (and prompt texts, thumbnails) for report.html's case table; null leaves it out.</param>
    public static void WriteAll(string directory, EvalSummary summary, CaseViewSource? cases = null)
    {
        File.WriteAllText(Path.Combine(directory, SummaryFile), ToJson(summary) + "\n");
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(summary));
        File.WriteAllText(Path.Combine(directory, HtmlFile), Html(summary, cases));
    }

    public static string ToJson(EvalSummary summary) => JsonSerializer.Serialize(summary, SnakeCaseJson.Options);

    public static EvalSummary ReadSummary(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, SummaryFile) : path;
        return JsonSerializer.Deserialize<EvalSummary>(File.ReadAllText(file), SnakeCaseJson.Options)
            ?? throw new InvalidDataException($"{file} is empty");
    }

    public static string Markdown(EvalSummary s)
    {
        var graders = s.Results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Evaluation: {s.Suite}\n\n{s.Records} case records.\n\n");
        md.Append("| system | dataset | cases | reps | ").Append(string.Join(" | ", graders))
            .Append(" | pass | errors | p50 ms | p95 ms | p99 ms | tokens in/out |\n");
        md.Append("| --- | --- | ---: | ---: | ").Append(string.Join(" | ", graders.Select(_ => "---:")))
            .Append(" | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in s.Results)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.System} | {r.Dataset} | {r.Cases} | {r.Repeats} | ");
            md.Append(string.Join(" | ", graders.Select(g => r.Metrics.TryGetValue(g, out var m) ? Pct(m.Mean) + (m.MinRepeatMean != m.MaxRepeatMean ? $" ({Pct(m.MinRepeatMean)}–{Pct(m.MaxRepeatMean)})" : "") : "")));
            var l = r.LatencyMs;
            md.Append(CultureInfo.InvariantCulture,
                $" | {Pct(r.PassRate)} | {r.Errors} | {Ms(l?.P50)} | {Ms(l?.P95)} | {Ms(l?.P99)} | {r.InputTokens:N0}/{r.OutputTokens:N0} |\n");
        }

        md.Append("\nLatency excludes cached and failed records (`cached` per row in summary.json).\n");
        foreach (var r in s.Results.Where(r => r.ByCategory.Count > 1))
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {r.System} on {r.Dataset}: by category\n\n| category | ")
                .Append(string.Join(" | ", r.Metrics.Keys)).Append(" |\n| --- |").Append(string.Concat(r.Metrics.Keys.Select(_ => " ---: |"))).Append('\n');
            foreach (var (cat, scores) in r.ByCategory)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {cat} | ").Append(string.Join(" | ", r.Metrics.Keys.Select(k => scores.TryGetValue(k, out var v) ? Pct(v) : ""))).Append(" |\n");
            }

            if (r.Confusions.Count > 0)
            {
                md.Append("\nMost frequent mistakes: ").Append(string.Join(", ", r.Confusions.Take(8).Select(c => $"{c.Truth} → {c.Decided} ×{c.Count}"))).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>The page: summary table, the case table when <paramref name="cases"/> is given, then the charts.
    /// One self-contained file: inline style, SVG, case data and script, nothing loaded from elsewhere.</summary>
    public static string Html(EvalSummary s, CaseViewSource? cases = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var h = new StringBuilder(ViewerAssets.Head(s.Suite));
        h.Append("<h1>Evaluation: ").Append(E(s.Suite)).Append("</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{s.Records:N0} case records.</p>")
            .Append("<nav><a href=\"#summary\">summary</a>").Append(cases is null ? "" : "<a href=\"#cases\">cases</a>")
            .Append("<a href=\"#accuracy\">accuracy</a><a href=\"#latency\">latency</a><a href=\"#confusions\">confusions</a><a href=\"#tokens\">tokens</a></nav>");
        h.Append("<h2 id=\"summary\">Summary</h2><div class=\"scroll\">").Append(SummaryTable(s)).Append("</div>");
        if (cases is not null)
        {
            h.Append("<h2 id=\"cases\">Cases</h2><div id=\"case-view\"></div>");
        }

        var graders = s.Results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal);
        h.Append("<h2 id=\"accuracy\">Accuracy by system</h2>");
        foreach (var g in graders)
        {
            var bars = s.Results.Where(r => r.Metrics.ContainsKey(g)).Select(r => ($"{r.System} · {r.Dataset}", r.Metrics[g].Mean)).ToArray();
            h.Append("<h3>").Append(E(g)).Append("</h3>").Append(Bars(bars, 1.0, v => Pct(v)));
        }

        h.Append("<h2>Accuracy by category</h2>");
        foreach (var r in s.Results.Where(r => r.ByCategory.Count > 1))
        {
            var main = r.Metrics.Keys.First();
            h.Append("<h3>").Append(E($"{r.System} · {r.Dataset} · {main}")).Append("</h3>")
                .Append(Bars(r.ByCategory.Where(c => c.Value.ContainsKey(main)).Select(c => (c.Key, c.Value[main])).ToArray(), 1.0, v => Pct(v)));
        }

        h.Append("<h2 id=\"latency\">Latency distribution</h2><p>Cached and failed records excluded.</p>");
        foreach (var r in s.Results.Where(r => r.LatencyHistogram is not null))
        {
            h.Append("<h3>").Append(E($"{r.System} · {r.Dataset}")).Append(CultureInfo.InvariantCulture, $" (n={r.LatencySamples}, p50 {Ms(r.LatencyMs?.P50)} ms, p95 {Ms(r.LatencyMs?.P95)} ms)</h3>")
                .Append(HistogramSvg(r.LatencyHistogram!));
        }

        h.Append("<h2 id=\"confusions\">Products mistaken for each other</h2>");
        foreach (var r in s.Results.Where(r => r.Confusions.Count > 0))
        {
            h.Append("<h3>").Append(E($"{r.System} · {r.Dataset}")).Append("</h3>")
                .Append(Bars(r.Confusions.Select(c => ($"{c.Truth} → {c.Decided}", (double)c.Count)).ToArray(), r.Confusions.Max(c => c.Count), v => v.ToString("0", CultureInfo.InvariantCulture)));
        }

        h.Append("<h2 id=\"tokens\">Tokens</h2>");
        var tokens = s.Results.Select(r => ($"{r.System} · {r.Dataset}", (double)(r.InputTokens + r.OutputTokens))).ToArray();
        h.Append(tokens.Any(t => t.Item2 > 0) ? Bars(tokens, tokens.Max(t => t.Item2), v => v.ToString("N0", CultureInfo.InvariantCulture)) : "<p>No system reported tokens (rules-only runs spend none).</p>");
        if (cases is not null)
        {
            h.Append(ViewerAssets.DataAndScript(CaseViewJson.Run(s.Suite, cases)));
        }

        return h.Append("</body></html>\n").ToString();
    }

    /// <summary>One row per system and dataset; wide suites scroll inside their own box, not the page.</summary>
    internal static string SummaryTable(EvalSummary s)
    {
        var graders = s.Results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var t = new StringBuilder("<table class=\"summary\"><tr><th>system</th><th>dataset</th><th>cases</th>");
        foreach (var g in graders)
        {
            // Underscores let long grader names wrap in a narrow column.
            t.Append("<th>").Append(E(g).Replace("_", "_<wbr>", StringComparison.Ordinal)).Append("</th>");
        }

        t.Append("<th>pass</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>tokens</th></tr>");
        foreach (var r in s.Results)
        {
            t.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.System)}</td><td>{E(r.Dataset)}</td><td>{r.Cases}</td>");
            foreach (var g in graders)
            {
                t.Append("<td>").Append(r.Metrics.TryGetValue(g, out var m) ? Pct(m.Mean) : "").Append("</td>");
            }

            t.Append(CultureInfo.InvariantCulture, $"<td>{Pct(r.PassRate)}</td><td>{r.Errors}</td><td>{Ms(r.LatencyMs?.P50)}</td><td>{Ms(r.LatencyMs?.P95)}</td><td>{r.InputTokens + r.OutputTokens:N0}</td></tr>");
        }

        return t.Append("</table>").ToString();
    }

    private static string Bars(IReadOnlyList<(string Label, double Value)> bars, double max, Func<double, string> format)
    {
        const int labelWidth = 330, barWidth = 420, row = 18;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 70}\" height=\"{bars.Count * row + 4}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var w = max <= 0 ? 0 : bars[i].Value / max * barWidth;
            var y = i * row + 2;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\">{E(bars[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{row - 4}\" fill=\"#4a7bd0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 4:0.#}\" y=\"{y + 12}\">{E(format(bars[i].Value))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string HistogramSvg(Histogram histogram)
    {
        const int width = 640, plotTop = 10, plotBottom = 130, left = 44, right = 16;
        var max = Math.Max(1, histogram.Counts.Max());
        var lo = histogram.Edges[0];
        var hi = histogram.Edges[^1];
        var plotW = width - left - right;
        var barW = (double)plotW / histogram.Counts.Count;
        double X(double ms) => left + (hi > lo ? (ms - lo) / (hi - lo) * plotW : 0);
        double Y(double count) => plotBottom - count / max * (plotBottom - plotTop);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"histogram\" width=\"{width}\" height=\"{plotBottom + 38}\" viewBox=\"0 0 {width} {plotBottom + 38}\">");
        foreach (var c in Ticks(0, max, 4).Where(c => c == Math.Floor(c)))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(c):0.#}\" y2=\"{Y(c):0.#}\" stroke=\"#e4e4e4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"y-tick\" x=\"{left - 4}\" y=\"{Y(c) + 4:0.#}\" text-anchor=\"end\">{c:0}</text>");
        }

        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            var top = Y(histogram.Counts[i]);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + i * barW:0.#}\" y=\"{top:0.#}\" width=\"{Math.Max(0.5, barW - 1):0.#}\" height=\"{plotBottom - top:0.#}\" fill=\"#d08a4a\"><title>{histogram.Edges[i]:0.##}–{histogram.Edges[i + 1]:0.##} ms: {histogram.Counts[i]}</title></rect>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{plotBottom}\" y2=\"{plotBottom}\" stroke=\"#555\"/>");
        foreach (var t in hi > lo ? Ticks(lo, hi, 8) : [lo])
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(t):0.#}\" x2=\"{X(t):0.#}\" y1=\"{plotBottom}\" y2=\"{plotBottom + 4}\" stroke=\"#555\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"x-tick\" x=\"{X(t):0.#}\" y=\"{plotBottom + 16}\" text-anchor=\"middle\">{TickLabel(t)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotW / 2}\" y=\"{plotBottom + 32}\" text-anchor=\"middle\">latency (ms)</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{(plotTop + plotBottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {(plotTop + plotBottom) / 2})\">records</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Round tick values (1, 2 or 5 × 10^k apart) inside [lo, hi], about <paramref name="count"/> of them.</summary>
    internal static IReadOnlyList<double> Ticks(double lo, double hi, int count)
    {
        if (!(hi > lo) || count < 1)
        {
            return [lo];
        }

        var raw = (hi - lo) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        var first = Math.Ceiling(lo / step - 1e-9);
        for (var k = first; k * step <= hi + step * 1e-9; k++)
        {
            var t = Math.Round(k * step, 10);
            ticks.Add(t == 0 ? 0 : t); // no "-0" label
        }

        return ticks;
    }

    private static string TickLabel(double v) =>
        Math.Abs(v) >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Ms(double? v) => v is { } d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
