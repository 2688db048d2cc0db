using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Harness.Reports;

/// <summary><c>summary.json</c>: per system and dataset, every grader's mean, latency, tokens and confusions; plus a
/// flat <see cref="Metrics"/> map (<c>system|dataset|metric</c>) that <c>compare</c> gates on.</summary>
public sealed class EvalSummary
{
    public string Suite { get; set; } = "";

    /// <summary>Case records summarised (systems × cases × repeats).</summary>
    public int Records { get; set; }

    public List<string> Graders { get; set; } = [];

    public List<ThresholdSpec> Thresholds { get; set; } = [];

    public List<SystemDatasetResult> Results { get; set; } = [];

    public SortedDictionary<string, double> Metrics { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One system on one dataset.</summary>
public sealed class SystemDatasetResult
{
    public string System { get; set; } = "";

    public string Dataset { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>Distinct cases.</summary>
    public int Cases { get; set; }

    public int Repeats { get; set; }

    public int Errors { get; set; }

    /// <summary>Records answered from the cache (left out of latency).</summary>
    public int Cached { get; set; }

    /// <summary>Share of records where every applicable grade passed.</summary>
    public double PassRate { get; set; }

    public SortedDictionary<string, MetricResult> Metrics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Category → grader → mean score.</summary>
    public SortedDictionary<string, SortedDictionary<string, double>> ByCategory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Over records neither cached nor failed; null when there are none.</summary>
    public LatencySummary? LatencyMs { get; set; }

    public int LatencySamples { get; set; }

    /// <summary>Latency histogram: <see cref="Histogram.Edges"/> has one more entry than <see cref="Histogram.Counts"/>.</summary>
    public Histogram? LatencyHistogram { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>Truth → decided pairs that differ, most frequent first (top 20).</summary>
    public List<Confusion> Confusions { get; set; } = [];
}

/// <summary>A grader's result: mean score over the records it applied to, and the spread of per-repeat means.</summary>
public sealed record MetricResult(double Mean, int N, double PassRate, double MinRepeatMean, double MaxRepeatMean);

public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts);

public sealed record Confusion(string Truth, string Decided, int Count);
