namespace BasketReasoner.Eval.Harness.Suites;

/// <summary>A suite file (YAML): which datasets, which systems, which graders, how often and how wide.</summary>
public sealed class EvalSuite
{
    /// <summary>Name written in the summary. Default <c>suite</c>.</summary>
    public string Name { get; set; } = "suite";

    /// <summary>Runs per (system, case). Default 1. With <see cref="Seeds"/> given, its length wins.</summary>
    public int Repeats { get; set; } = 1;

    /// <summary>Seed per repeat (passed to chat backends as <c>seed</c>). Default: 1, 2, ... <see cref="Repeats"/>.</summary>
    public List<int> Seeds { get; set; } = [];

    /// <summary>Cases in flight at once. Default 4. A backend may ask for less (the rules resolver runs one at a time).</summary>
    public int Concurrency { get; set; } = 4;

    public List<DatasetSpec> Datasets { get; set; } = [];

    public List<SystemSpec> Systems { get; set; } = [];

    public List<GraderSpec> Graders { get; set; } = [];

    /// <summary>Gates for <c>basket eval compare</c>; copied into the summary so a summary carries its own gates.</summary>
    public List<ThresholdSpec> Thresholds { get; set; } = [];

    /// <summary>The seed of each repeat.</summary>
    public IReadOnlyList<int> RepeatSeeds() =>
        Seeds.Count > 0 ? Seeds : Enumerable.Range(1, Math.Max(1, Repeats)).ToArray();
}

/// <summary>One dataset of a suite.</summary>
public sealed class DatasetSpec
{
    /// <summary>Name in reports. Default: the file name without extension.</summary>
    public string? Name { get; set; }

    /// <summary><c>sessions</c>, <c>ambiguous</c> or <c>shopper</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>JSON Lines file, relative to the repository root.</summary>
    public string Path { get; set; } = "";

    /// <summary>Keep only cases of this split. Default: all.</summary>
    public string? Split { get; set; }

    /// <summary>Keep the first N cases (after the split filter). Default: all.</summary>
    public int? Limit { get; set; }
}

/// <summary>
/// A system, or a matrix of them: every combination of its prompt versions and parameter values becomes one system
/// named <c>name[task=v1,temperature=0]</c>.
/// </summary>
public sealed class SystemSpec
{
    /// <summary>Name in reports. Default: the backend's name.</summary>
    public string? Name { get; set; }

    /// <summary>A registered backend: <c>rules</c>, <c>openai</c>, or one the host registers (e.g. <c>on-device</c>).</summary>
    public string Backend { get; set; } = "";

    /// <summary>Model name sent to a chat backend; part of the cache key.</summary>
    public string? Model { get; set; }

    /// <summary>OpenAI-compatible endpoint, e.g. <c>http://localhost:8080/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Environment variable holding the API key. Default: none (a placeholder key is sent).</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>Prompt versions per task (<c>choose-product</c>, <c>shopper</c>); each version is one axis value.</summary>
    public Dictionary<string, List<string>> Prompts { get; set; } = [];

    /// <summary>Parameter values (temperature, max_tokens, top_p...); each list is one axis of the matrix.</summary>
    public Dictionary<string, List<string>> Parameters { get; set; } = [];

    /// <summary>Backend-specific settings that are not matrix axes (e.g. <c>fusion_config</c> for <c>rules</c>).</summary>
    public Dictionary<string, string> Options { get; set; } = [];

    /// <summary>Limit the system to these dataset names. Default: every dataset its backend can answer.</summary>
    public List<string>? Datasets { get; set; }
}

/// <summary>A grader applied to every case it has something to check on.</summary>
public sealed class GraderSpec
{
    /// <summary>Metric name in reports. Default: <see cref="Type"/>.</summary>
    public string? Name { get; set; }

    /// <summary>Built-in (exact_match, choice_accuracy, contains, regex, numeric, kind, citation, json_schema,
    /// llm_judge, item_accuracy, basket_exact) or one the host registers.</summary>
    public string Type { get; set; } = "";

    /// <summary>Limit to these dataset names. Default: all.</summary>
    public List<string>? Datasets { get; set; }

    /// <summary>Score at or above which a case passes. Default: 1 (all-or-nothing); llm_judge defaults to 0.75.</summary>
    public double? PassAt { get; set; }

    /// <summary>Grader settings: <c>schema</c> (json_schema), <c>rubric</c> (llm_judge prompt version).</summary>
    public Dictionary<string, string> Options { get; set; } = [];

    /// <summary>The judge model for <c>llm_judge</c>: a system spec with a chat backend.</summary>
    public SystemSpec? Judge { get; set; }

    public string MetricName => Name ?? Type;
}

/// <summary>
/// A regression gate. <see cref="Metric"/> matches a summary metric key <c>system|dataset|metric</c> exactly, or
/// its last part(s), with <c>*</c> as a wildcard per part (<c>rules|*|choice_accuracy</c>).
/// </summary>
public sealed class ThresholdSpec
{
    public string Metric { get; set; } = "";

    /// <summary>For higher-is-better metrics: the largest allowed absolute drop (0.02 = two points).</summary>
    public double? MaxDrop { get; set; }

    /// <summary>For lower-is-better metrics (latency, errors, tokens): the largest allowed absolute increase.</summary>
    public double? MaxIncrease { get; set; }

    /// <summary>For lower-is-better metrics: the largest allowed relative increase (0.5 = +50 %).</summary>
    public double? MaxIncreaseRatio { get; set; }
}
