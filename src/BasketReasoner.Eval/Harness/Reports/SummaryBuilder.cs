using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Harness.Reports;

/// <summary>
/// Builds the summary from case records alone, in a fixed order, so the merge of shard logs gives the same summary
/// as one run over the same cases (latency aside: it is measured, not computed).
/// </summary>
public static class SummaryBuilder
{
    public static EvalSummary Build(RunManifest manifest, IReadOnlyCollection<CaseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(records);
        var summary = new EvalSummary { Suite = manifest.Suite, Records = records.Count, Graders = manifest.Graders, Thresholds = manifest.Thresholds };
        foreach (var group in records
                     .GroupBy(r => (r.System, r.Dataset))
                     .OrderBy(g => g.Key.System, StringComparer.Ordinal).ThenBy(g => g.Key.Dataset, StringComparer.Ordinal))
        {
            var rs = group.OrderBy(r => r.CaseId, StringComparer.Ordinal).ThenBy(r => r.Repeat).ToArray();
            var result = new SystemDatasetResult
            {
                System = group.Key.System,
                Dataset = group.Key.Dataset,
                Kind = rs[0].Kind,
                Cases = rs.Select(r => r.CaseId).Distinct(StringComparer.Ordinal).Count(),
                Repeats = rs.Select(r => r.Repeat).Distinct().Count(),
                Errors = rs.Count(r => r.Error is not null),
                Cached = rs.Count(r => r.Cached),
                PassRate = Mean(rs.Where(r => r.Grades.Count > 0).Select(r => r.Grades.All(g => g.Passed) ? 1.0 : 0.0)),
                InputTokens = rs.Sum(r => (long)(r.Output?.InputTokens ?? 0)),
                OutputTokens = rs.Sum(r => (long)(r.Output?.OutputTokens ?? 0)),
            };
            foreach (var grader in rs.SelectMany(r => r.Grades).Select(g => g.Grader).Distinct().Order(StringComparer.Ordinal))
            {
                var grades = rs.SelectMany(r => r.Grades.Where(g => g.Grader == grader).Select(g => (r.Repeat, g))).ToArray();
                var perRepeat = grades.GroupBy(x => x.Repeat).Select(x => x.Average(y => y.g.Score)).ToArray();
                result.Metrics[grader] = new MetricResult(
                    Round(grades.Average(x => x.g.Score)), grades.Length, Round(grades.Average(x => x.g.Passed ? 1.0 : 0.0)),
                    Round(perRepeat.Min()), Round(perRepeat.Max()));
            }

            foreach (var category in rs.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var byGrader = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (var g in category.SelectMany(r => r.Grades).GroupBy(g => g.Grader))
                {
                    byGrader[g.Key] = Round(g.Average(x => x.Score));
                }

                result.ByCategory[category.Key] = byGrader;
            }

            var latencies = rs.Where(r => !r.Cached && r.Error is null).Select(r => r.LatencyMs).Order().ToArray();
            result.LatencySamples = latencies.Length;
            if (latencies.Length > 0)
            {
                var l = LatencySummary.From(latencies);
                result.LatencyMs = new LatencySummary(Round(l.P50), Round(l.P95), Round(l.P99), Round(l.Mean), Round(l.Max));
                result.LatencyHistogram = MakeHistogram(latencies);
            }

            result.Confusions = rs.SelectMany(r => r.Output?.Decisions ?? [])
                .Where(d => d.Truth is not null && d.Truth != d.Decided)
                .GroupBy(d => (d.Truth!, d.Decided))
                .Select(g => new Confusion(g.Key.Item1, g.Key.Decided, g.Count()))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Truth, StringComparer.Ordinal).ThenBy(c => c.Decided, StringComparer.Ordinal)
                .Take(20).ToList();
            summary.Results.Add(result);

            var prefix = $"{result.System}|{result.Dataset}|";
            foreach (var (name, m) in result.Metrics)
            {
                summary.Metrics[prefix + name] = m.Mean;
            }

            summary.Metrics[prefix + "pass_rate"] = Round(result.PassRate);
            summary.Metrics[prefix + "error_rate"] = Round((double)result.Errors / rs.Length);
            summary.Metrics[prefix + "tokens_per_case"] = Round((double)(result.InputTokens + result.OutputTokens) / rs.Length);
            if (result.LatencyMs is { } lat)
            {
                summary.Metrics[prefix + "latency_p50_ms"] = lat.P50;
                summary.Metrics[prefix + "latency_p95_ms"] = lat.P95;
            }
        }

        return summary;
    }

    private static Histogram MakeHistogram(double[] sorted)
    {
        const int bins = 20;
        var lo = sorted[0];
        var hi = Math.Max(sorted[^1], lo + 1e-6);
        var counts = new int[bins];
        foreach (var v in sorted)
        {
            counts[Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))]++;
        }

        return new Histogram(Enumerable.Range(0, bins + 1).Select(i => Round(lo + (hi - lo) * i / bins)).ToArray(), counts);
    }

    private static double Mean(IEnumerable<double> values)
    {
        var a = values.ToArray();
        return a.Length == 0 ? 0 : a.Average();
    }

    private static double Round(double v) => Math.Round(v, 6);
}
