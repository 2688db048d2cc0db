using BasketReasoner.Eval.Harness.Reports.Viewer;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>How to run a suite.</summary>
public sealed class EvalRunOptions
{
    /// <summary>Run folder: <c>cases.jsonl</c>, <c>manifest.json</c>, <c>summary.json</c>, <c>report.md</c>, <c>report.html</c>, <c>prompts.json</c>. Required.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Response cache folder; <c>null</c> turns the cache off (<c>--no-cache</c>). Default: off.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The slice of cases to run. Default: all.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Overrides the suite's concurrency. Default: the suite's.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Told after every case.</summary>
    public IProgress<RunProgress>? Progress { get; init; }

    /// <summary>Frame thumbnails for report.html's case table; null: cases are shown without pictures. Default: null.</summary>
    public IFrameThumbnails? Frames { get; init; }

    /// <summary>Write summary.json and the reports at the end. Default true.</summary>
    public bool WriteReports { get; init; } = true;
}

/// <summary>Progress of a run: cases done (including those found done by a resume) of the total.</summary>
public readonly record struct RunProgress(int Done, int Total, int Cached, int Errors);
