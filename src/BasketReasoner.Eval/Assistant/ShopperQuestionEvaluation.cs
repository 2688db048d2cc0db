using System.Globalization;
using System.Text;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Eval.Assistant;

/// <summary>Accuracy of a shopper assistant on a set of cases, overall and by category.</summary>
public sealed record ShopperEvalSummary(int Cases, int Passed, double Accuracy, IReadOnlyDictionary<string, CategoryScore> ByCategory, double LatencyP50Ms, double LatencyP95Ms);

public sealed record CategoryScore(int Cases, int Passed, double Accuracy);

/// <summary>A failed case, with the answer and the checks it failed.</summary>
public sealed record ShopperEvalFailure(string Id, string Category, string Question, string Answer, string Kind, IReadOnlyList<string> Cited, IReadOnlyList<string> Failed);

public sealed record ShopperEvalReport(ShopperEvalSummary Summary, IReadOnlyList<ShopperEvalFailure> Failures)
{
    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"category",-24} {"cases",6} {"passed",7} {"accuracy",9}");
        foreach (var (category, s) in Summary.ByCategory.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{category,-24} {s.Cases,6} {s.Passed,7} {s.Accuracy,9:P1}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{"all",-24} {Summary.Cases,6} {Summary.Passed,7} {Summary.Accuracy,9:P1}   latency p50 {Summary.LatencyP50Ms:F2} ms, p95 {Summary.LatencyP95Ms:F2} ms");
        return sb.ToString();
    }
}

/// <summary>Runs every case through an assistant, one at a time, and grades it with <see cref="ShopperQuestionGrader"/>.</summary>
public static class ShopperQuestionEvaluation
{
    public static async Task<ShopperEvalReport> RunAsync(
        IShopperAssistant assistant, ProductCatalog catalog, IEnumerable<ShopperQuestionCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        ArgumentNullException.ThrowIfNull(catalog);
        var failures = new List<ShopperEvalFailure>();
        var byCategory = new SortedDictionary<string, (int Cases, int Passed)>(StringComparer.Ordinal);
        var latencies = new List<double>();
        int total = 0, passed = 0;
        foreach (var c in cases)
        {
            var answer = await assistant.AskAsync(new ShopperQuestion(c.Basket, c.Question), cancellationToken).ConfigureAwait(false);
            latencies.Add(answer.LatencyMs);
            var failed = ShopperQuestionGrader.Grade(c.Expect, answer);
            total++;
            var (n, p) = byCategory.GetValueOrDefault(c.Category);
            var ok = failed.Count == 0;
            byCategory[c.Category] = (n + 1, p + (ok ? 1 : 0));
            if (ok)
            {
                passed++;
            }
            else
            {
                failures.Add(new ShopperEvalFailure(c.Id, c.Category, c.Question, answer.Text, ShopperQuestionGrader.KindName(answer.Kind), answer.CitedProductIds, failed));
            }
        }

        latencies.Sort();
        var summary = new ShopperEvalSummary(
            total,
            passed,
            total == 0 ? 0 : (double)passed / total,
            byCategory.ToDictionary(kv => kv.Key, kv => new CategoryScore(kv.Value.Cases, kv.Value.Passed, (double)kv.Value.Passed / kv.Value.Cases)),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95));
        return new ShopperEvalReport(summary, failures);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
