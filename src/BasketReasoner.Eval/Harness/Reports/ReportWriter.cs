using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Harness.Reports;

/// <summary>Writes <c>summary.json</c>, <c>report.md</c> and a self-contained <c>report.html</c> (inline SVG, no scripts or links).</summary>
public static class ReportWriter
{
    public const string SummaryFile = "summary.json";

    public static void WriteAll(string directory, EvalSummary summary)
    {
        File.WriteAllText(Path.Combine(directory, SummaryFile), ToJson(summary) + "\n");
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(summary));
        File.WriteAllText(Path.Combine(directory, "report.html"), Html(summary));
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

    public static string Html(EvalSummary s)
    {
        var h = new StringBuilder();
        h.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(E(s.Suite)).Append("</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:left}")
            .Append("h2{margin-top:2em}svg text{font:11px sans-serif}</style></head><body>");
        h.Append("<h1>Evaluation: ").Append(E(s.Suite)).Append("</h1>");
        h.Append(MarkdownTableAsHtml(s));
        var graders = s.Results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal);
        h.Append("<h2>Accuracy by system</h2>");
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

        h.Append("<h2>Latency distribution</h2><p>Cached and failed records excluded.</p>");
        foreach (var r in s.Results.Where(r => r.LatencyHistogram is not null))
        {
            h.Append("<h3>").Append(E($"{r.System} · {r.Dataset}")).Append(CultureInfo.InvariantCulture, $" (n={r.LatencySamples}, p50 {Ms(r.LatencyMs?.P50)} ms, p95 {Ms(r.LatencyMs?.P95)} ms)</h3>")
                .Append(HistogramSvg(r.LatencyHistogram!));
        }

        h.Append("<h2>Products mistaken for each other</h2>");
        foreach (var r in s.Results.Where(r => r.Confusions.Count > 0))
        {
            h.Append("<h3>").Append(E($"{r.System} · {r.Dataset}")).Append("</h3>")
                .Append(Bars(r.Confusions.Select(c => ($"{c.Truth} → {c.Decided}", (double)c.Count)).ToArray(), r.Confusions.Max(c => c.Count), v => v.ToString("0", CultureInfo.InvariantCulture)));
        }

        h.Append("<h2>Tokens</h2>");
        var tokens = s.Results.Select(r => ($"{r.System} · {r.Dataset}", (double)(r.InputTokens + r.OutputTokens))).ToArray();
        h.Append(tokens.Any(t => t.Item2 > 0) ? Bars(tokens, tokens.Max(t => t.Item2), v => v.ToString("N0", CultureInfo.InvariantCulture)) : "<p>No system reported tokens (rules-only runs spend none).</p>");
        return h.Append("</body></html>\n").ToString();
    }

    private static string MarkdownTableAsHtml(EvalSummary s)
    {
        var graders = s.Results.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var t = new StringBuilder("<table><tr><th>system</th><th>dataset</th><th>cases</th>");
        foreach (var g in graders)
        {
            t.Append("<th>").Append(E(g)).Append("</th>");
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
        const int width = 600, height = 140, pad = 30;
        var max = Math.Max(1, histogram.Counts.Max());
        var barW = (double)(width - 2 * pad) / histogram.Counts.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 20}\">");
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            var hgt = (double)histogram.Counts[i] / max * (height - pad);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{pad + i * barW:0.#}\" y=\"{height - hgt:0.#}\" width=\"{barW - 1:0.#}\" height=\"{hgt:0.#}\" fill=\"#d08a4a\"><title>{histogram.Edges[i]:0.##}–{histogram.Edges[i + 1]:0.##} ms: {histogram.Counts[i]}</title></rect>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"{height + 14}\">{histogram.Edges[0]:0.##} ms</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - pad}\" y=\"{height + 14}\" text-anchor=\"end\">{histogram.Edges[^1]:0.##} ms</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"12\">max bin {max}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Ms(double? v) => v is { } d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
