using BasketReasoner.Eval.Harness.Systems;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>One line of a run's <c>cases.jsonl</c>: a (system, case, repeat) with its input, output, grades and timing.</summary>
public sealed class CaseRecord
{
    public string System { get; set; } = "";

    public string Dataset { get; set; } = "";

    public string Kind { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string Split { get; set; } = "";

    public string Category { get; set; } = "";

    public int Repeat { get; set; }

    public int Seed { get; set; }

    /// <summary>The case's input line, as given to the system.</summary>
    public string Input { get; set; } = "";

    public SystemOutput? Output { get; set; }

    public List<GradeRecord> Grades { get; set; } = [];

    /// <summary>Wall time of the system's answer (not grading). Meaningless when <see cref="Cached"/>; excluded from latency figures.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Answered from the response cache.</summary>
    public bool Cached { get; set; }

    /// <summary>The system failed on this case (exception message); its grades then score the empty output.</summary>
    public string? Error { get; set; }

    /// <summary>Prompt ids (task/version@hash) and parameters of the system, for reading a log without the suite.</summary>
    public string? Prompts { get; set; }

    public string? Parameters { get; set; }

    public string? CacheKey { get; set; }

    /// <summary>(system, dataset, case, repeat): what a resumed run skips.</summary>
    public string Key => MakeKey(System, Dataset, CaseId, Repeat);

    public static string MakeKey(string system, string dataset, string caseId, int repeat) => $"{system}\u001f{dataset}\u001f{caseId}\u001f{repeat}";
}

/// <summary>One grader's verdict on one case.</summary>
public sealed record GradeRecord(string Grader, double Score, bool Passed, string? Reason);
