using System.Globalization;
using System.Net;
using System.Text;

namespace BasketReasoner.Eval.Tuning;

/// <summary>
/// Writes the escalation tuner's curve as one self-contained HTML page (inline SVG, no script, no external file):
/// shopper ask rate against final item accuracy, with and without the cloud stage, the chosen point marked, and a
/// table of the cheapest settings for common targets.
/// </summary>
public static class OperatingCurveReport
{
    private const int Width = 720;
    private const int Height = 420;
    private const int Left = 80;
    private const int Right = 20;
    private const int Top = 20;
    private const int Bottom = 50;

    /// <summary>Targets listed in the page's table.</summary>
    internal static readonly double[] Targets = [0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 1.0];

    public static string Render(EscalationTuningResult result, string source, double target)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Frontier is not { } withCloud || result.FrontierWithoutCloud is not { } alone || result.Chosen is not { } chosen)
        {
            throw new ArgumentException("This tuning result has no curve: it was tuned per stage (an on-device stage reached the target).", nameof(result));
        }

        var c = CultureInfo.InvariantCulture;
        // Accuracy on a log scale of the error rate: the interesting part of the curve is between 99 % and 100 %.
        const double MinError = 1e-4;
        const double MaxError = 0.12;
        double X(double ask) => Left + (ask * (Width - Left - Right));
        double Y(double accuracy)
        {
            var error = Math.Clamp(1 - accuracy, MinError, MaxError);
            // Fewer errors draw higher: the best accuracy sits at the top of the plot.
            return Top + ((Math.Log10(error) - Math.Log10(MinError)) / (Math.Log10(MaxError) - Math.Log10(MinError)) * (Height - Top - Bottom));
        }

        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"shopper ask rate against final item accuracy\">");
        for (var i = 0; i <= 10; i++)
        {
            var ask = i / 10.0;
            svg.Append(c, $"<line x1=\"{X(ask):F1}\" y1=\"{Top}\" x2=\"{X(ask):F1}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>");
            svg.Append(c, $"<text x=\"{X(ask):F1}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{ask * 100:F0} %</text>");
        }

        foreach (var accuracy in new[] { 0.9, 0.97, 0.99, 0.997, 0.999, 0.9997, 0.9999 })
        {
            var label = accuracy >= 0.9999 ? "≥ 99.99 %" : string.Create(c, $"{accuracy * 100:0.##} %");
            svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Y(accuracy):F1}\" x2=\"{Width - Right}\" y2=\"{Y(accuracy):F1}\" stroke=\"#eee\"/>");
            svg.Append(c, $"<text x=\"{Left - 6}\" y=\"{Y(accuracy) + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{label}</text>");
        }

        svg.Append(c, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" font-size=\"12\" text-anchor=\"middle\">shopper asked (share of events)</text>");
        svg.Append(c, $"<text transform=\"translate(14 {(Top + Height - Bottom) / 2}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">final item accuracy (log scale of errors)</text>");
        Line(svg, alone, "#888", X, Y);
        Line(svg, withCloud, "#1565c0", X, Y);
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Y(target):F1}\" x2=\"{Width - Right}\" y2=\"{Y(target):F1}\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>");
        svg.Append(c, $"<circle cx=\"{X(chosen.AskRate):F1}\" cy=\"{Y(chosen.FinalAccuracy):F1}\" r=\"5\" fill=\"#c62828\"><title>chosen: fusion {chosen.FusionThreshold}, cloud {chosen.CloudThreshold}</title></circle>");
        svg.Append("</svg>");

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Escalation operating curve</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#222}")
            .Append("table{border-collapse:collapse;margin-top:12px}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
            .Append("th{background:#f5f5f5}.key span{display:inline-block;width:18px;height:3px;vertical-align:middle;margin:0 6px 0 14px}</style></head><body>");
        html.Append("<h1>Escalation operating curve</h1>");
        html.Append(c, $"<p>{WebUtility.HtmlEncode(source)}: {result.Events} events. Each point is the best pair of thresholds for its ask rate; ")
            .Append("the shopper's answers count as right. Computed on the tuning sessions (val), so it is optimistic for other sessions: ")
            .Append("the test sessions' figures are in <code>eval/README.md</code>.</p>");
        html.Append("<p class=\"key\"><span style=\"background:#1565c0\"></span>fusion → cloud → shopper<span style=\"background:#888\"></span>fusion → shopper")
            .Append(c, $"<span style=\"background:#c62828\"></span>target {target * 100:F2} % and the chosen point</p>");
        html.Append(svg);
        html.Append(c, $"<p>Chosen for {target * 100:F2} %{(result.Confidence > 0 ? string.Create(c, $" with {result.Confidence * 100:F0} % confidence (Wilson lower bound over the {result.Events} events)") : "")}: fusion threshold <b>{chosen.FusionThreshold}</b>, cloud threshold <b>{chosen.CloudThreshold}</b>: ")
            .Append(c, $"fusion decides {chosen.FusionAccepted * 100:F1} %, the cloud {chosen.CloudAccepted * 100:F1} %, the shopper is asked on {chosen.AskRate * 100:F1} %, ")
            .Append(c, $"final item accuracy {chosen.FinalAccuracy * 100:F2} %.");
        if (result.WithoutCloud is { } w)
        {
            html.Append(c, $" Without a cloud stage the same fusion threshold asks the shopper on {w.AskRate * 100:F1} % at {w.FinalAccuracy * 100:F2} %.");
        }

        html.Append("</p><p>The table gives the point estimates: the cheapest point whose measured final accuracy reaches each target.</p>");
        html.Append("<table><tr><th>target final accuracy</th><th>chain</th><th>fusion threshold</th><th>cloud threshold</th><th>shopper asked</th><th>final accuracy</th></tr>");
        foreach (var t in Targets)
        {
            Row(html, t, "with cloud", OperatingCurve.CheapestReaching(withCloud, t));
            Row(html, t, "fusion only", OperatingCurve.CheapestReaching(alone, t));
        }

        html.Append("</table></body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, double target, string chain, OperatingPoint? p)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append(c, $"<tr><td>{target * 100:F1} %</td><td style=\"text-align:left\">{chain}</td>");
        html.Append(p is null
            ? "<td colspan=\"4\" style=\"text-align:left\">not reached</td></tr>"
            : string.Create(c, $"<td>{p.FusionThreshold}</td><td>{p.CloudThreshold}</td><td>{p.AskRate * 100:F1} %</td><td>{p.FinalAccuracy * 100:F2} %</td></tr>"));
    }

    private static void Line(StringBuilder svg, IReadOnlyList<OperatingPoint> frontier, string colour, Func<double, double> x, Func<double, double> y)
    {
        var points = string.Join(' ', frontier.Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.AskRate):F1},{y(p.FinalAccuracy):F1}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
    }
}
