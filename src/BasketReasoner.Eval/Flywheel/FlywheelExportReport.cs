namespace BasketReasoner.Eval.Flywheel;

/// <summary>What an export wrote and what it left out; also written as <c>summary.json</c>.</summary>
public sealed record FlywheelExportReport
{
    /// <summary>Examples exported (one per cart event).</summary>
    public int Examples { get; init; }

    /// <summary>Image files written (an example has one per camera).</summary>
    public int Images { get; init; }

    /// <summary>Lines of <c>examples.jsonl</c> that were not examples, as "line N: why".</summary>
    public IReadOnlyList<string> SkippedLines { get; init; } = [];

    /// <summary>Examples of a cart event already exported (the first one wins).</summary>
    public int DuplicateExamples { get; init; }

    /// <summary>Frames whose bytes an earlier frame already had.</summary>
    public int DuplicateFrames { get; init; }

    /// <summary>Examples with no frame left to export (none on disk — confirmed after a restart, or frames deleted —, or every one a duplicate or a conflict).</summary>
    public int WithoutFrames { get; init; }

    /// <summary>Frame files left out because the same image bytes were labelled as different products.</summary>
    public int ConflictingFrames { get; init; }

    /// <summary>Each conflicting image, as "frame sha256 PREFIX…: labelled A, B".</summary>
    public IReadOnlyList<string> ConflictingLabels { get; init; } = [];

    /// <summary>Carts in each split.</summary>
    public IReadOnlyDictionary<string, int> Carts { get; init; } = new SortedDictionary<string, int>();

    /// <summary>Examples per split, then product.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, int>> PerProduct { get; init; } = new SortedDictionary<string, SortedDictionary<string, int>>();

    /// <summary>Examples per stage (<c>shopper</c>, <c>cloud</c>).</summary>
    public IReadOnlyDictionary<string, int> PerStage { get; init; } = new SortedDictionary<string, int>();
}
