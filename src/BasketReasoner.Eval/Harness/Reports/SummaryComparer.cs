using System.Globalization;
using System.Text;
using BasketReasoner.Eval.Harness.Suites;

namespace BasketReasoner.Eval.Harness.Reports;

/// <summary>
/// <c>basket eval compare BASE NEW</c>: every metric key of either summary with its change, gated by the first
/// matching threshold. Latency, error rate and tokens are lower-is-better; everything else higher-is-better. A
/// gated metric missing from NEW is a regression (a system or dataset silently dropped must not pass).
/// </summary>
public static class SummaryComparer
{
    public static IReadOnlyList<ComparisonRow> Compare(EvalSummary baseline, EvalSummary candidate, IReadOnlyList<ThresholdSpec> thresholds)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var rows = new List<ComparisonRow>();
        foreach (var key in baseline.Metrics.Keys.Union(candidate.Metrics.Keys).Order(StringComparer.Ordinal))
        {
            double? b = baseline.Metrics.TryGetValue(key, out var bv) ? bv : null;
            double? n = candidate.Metrics.TryGetValue(key, out var nv) ? nv : null;
            var gate = thresholds.FirstOrDefault(t => Matches(t.Metric, key));
            var lowerBetter = IsLowerBetter(key);
            string rule = gate is null ? "" : Describe(gate, lowerBetter);
            ComparisonStatus status;
            if (b is null)
            {
                status = ComparisonStatus.New;
            }
            else if (n is null)
            {
                status = gate is null ? ComparisonStatus.Missing : ComparisonStatus.Regression;
            }
            else if (gate is null)
            {
                status = ComparisonStatus.Ungated;
            }
            else
            {
                var delta = n.Value - b.Value;
                var regressed = lowerBetter
                    ? (gate.MaxIncrease is { } inc && delta > inc + 1e-12) || (gate.MaxIncreaseRatio is { } ratio && n.Value > b.Value * (1 + ratio) + 1e-12)
                    : delta < -(gate.MaxDrop ?? 0) - 1e-12;
                status = regressed ? ComparisonStatus.Regression : ComparisonStatus.Ok;
            }

            rows.Add(new ComparisonRow(key, b, n, rule, status));
        }

        return rows;
    }

    /// <summary><c>*</c> matches one part; a pattern with fewer parts matches the key's last parts.</summary>
    public static bool Matches(string pattern, string key)
    {
        var p = pattern.Split('|');
        var k = key.Split('|');
        if (p.Length > k.Length)
        {
            return false;
        }

        var offset = k.Length - p.Length;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] != "*" && !string.Equals(p[i], k[offset + i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsLowerBetter(string key) =>
        key.EndsWith("_ms", StringComparison.Ordinal) || key.EndsWith("error_rate", StringComparison.Ordinal) || key.EndsWith("tokens_per_case", StringComparison.Ordinal);

    public static string Table(IReadOnlyList<ComparisonRow> rows)
    {
        var width = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(r => r.Metric.Length));
        var t = new StringBuilder();
        t.Append("metric".PadRight(width)).Append("  ").Append("base".PadLeft(10)).Append("  ").Append("new".PadLeft(10)).Append("  ").Append("delta".PadLeft(10)).Append("  status      gate\n");
        foreach (var r in rows)
        {
            t.Append(r.Metric.PadRight(width)).Append("  ").Append(F(r.Base).PadLeft(10)).Append("  ").Append(F(r.New).PadLeft(10)).Append("  ")
                .Append((r.Base is { } b && r.New is { } n ? (n - b).ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture) : "").PadLeft(10))
                .Append("  ").Append(r.Status.ToString().ToUpperInvariant().PadRight(10)).Append("  ").Append(r.Rule).Append('\n');
        }

        var regressions = rows.Count(r => r.Status == ComparisonStatus.Regression);
        t.Append(CultureInfo.InvariantCulture, $"{rows.Count(r => r.Status == ComparisonStatus.Ok)} gated ok, {regressions} regression(s), {rows.Count(r => r.Status == ComparisonStatus.Ungated)} ungated\n");
        return t.ToString();
    }

    private static string Describe(ThresholdSpec t, bool lowerBetter) => lowerBetter
        ? string.Join(", ", new[] { t.MaxIncrease is { } a ? $"max +{a.ToString(CultureInfo.InvariantCulture)}" : null, t.MaxIncreaseRatio is { } r ? $"max +{(r * 100).ToString("0.#", CultureInfo.InvariantCulture)} %" : null }.OfType<string>())
        : $"max drop {(t.MaxDrop ?? 0).ToString(CultureInfo.InvariantCulture)}";

    private static string F(double? v) => v is { } d ? d.ToString("0.0000", CultureInfo.InvariantCulture) : "—";
}

public enum ComparisonStatus
{
    Ok,
    Regression,
    Ungated,
    New,
    Missing,
}

public sealed record ComparisonRow(string Metric, double? Base, double? New, string Rule, ComparisonStatus Status);
