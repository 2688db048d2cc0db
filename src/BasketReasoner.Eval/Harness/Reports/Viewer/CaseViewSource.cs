using BasketReasoner.Eval.Harness.Runs;

namespace BasketReasoner.Eval.Harness.Reports.Viewer;

/// <summary>What the case table of <c>report.html</c> (and the compare page) is built from.</summary>
public sealed class CaseViewSource
{
    /// <summary>The run's case records. Required.</summary>
    public required IReadOnlyCollection<CaseRecord> Records { get; init; }

    /// <summary>Prompt id → text (the run's <c>prompts.json</c>). Default: none (ids are shown without text).</summary>
    public IReadOnlyDictionary<string, string> Prompts { get; init; } = new Dictionary<string, string>();

    /// <summary>Makes frame thumbnails; null: no pictures. Default: null.</summary>
    public IFrameThumbnails? Frames { get; init; }

    /// <summary>Records embedded at most; beyond it failing records are kept first, then passing ones, in case
    /// order. Default 5,000 (about 5–10 MB of report); at least 1.</summary>
    public int MaxCases { get; init; } = 5_000;

    /// <summary>Distinct frames inlined at most (about 3–6 KB each), failing records' frames first. Default 400; 0 = none.</summary>
    public int MaxFrames { get; init; } = 400;

    /// <summary>Longest input or output text embedded, in characters; longer ones are cut with a note. Default 20,000; at least 100.</summary>
    public int MaxTextLength { get; init; } = 20_000;

    /// <summary>Reads a run folder: <c>cases.jsonl</c> (required) and <c>prompts.json</c> (optional).</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>cases.jsonl</c>.</exception>
    public static CaseViewSource FromRunFolder(string directory, IFrameThumbnails? frames = null)
    {
        var log = Path.Combine(directory, CaseLog.FileName);
        if (!File.Exists(log))
        {
            throw new FileNotFoundException($"{directory} has no {CaseLog.FileName} (a run folder of `basket eval run` is needed)", log);
        }

        return new CaseViewSource { Records = CaseLog.Read(log), Prompts = PromptStore.Read(directory), Frames = frames };
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Records);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCases, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLength, 100);
    }
}
