using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Graders;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Harness.Suites;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>
/// Backend names → how to build systems, grader types → how to build graders. The host (the CLI) fills it:
/// <c>openai</c> and the built-in graders come with <see cref="CreateDefault"/>, the CLI adds <c>rules</c>, and the
/// on-device engine or assistant is one more <see cref="AddBackend"/> call.
/// </summary>
public sealed class EvalRegistry
{
    private readonly Dictionary<string, EvalBackend> _backends = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<GraderSpec, IEvaluator>> _graders = new(StringComparer.OrdinalIgnoreCase);

    public EvalRegistry(EvalEnvironment environment) => Environment = environment;

    public EvalEnvironment Environment { get; }

    public IEnumerable<string> Backends => _backends.Keys;

    /// <summary>Registers (or replaces) a backend.</summary>
    public EvalRegistry AddBackend(string name, EvalBackend backend)
    {
        _backends[name] = backend;
        return this;
    }

    /// <summary>Registers (or replaces) a grader type: any <see cref="IEvaluator"/>. It receives a
    /// <see cref="CaseEvaluationContext"/> in the additional context; a metric without a value means not applicable.</summary>
    public EvalRegistry AddGrader(string type, Func<GraderSpec, IEvaluator> factory)
    {
        _graders[type] = factory;
        return this;
    }

    /// <summary>A registry with the <c>openai</c> backend and every built-in grader.</summary>
    public static EvalRegistry CreateDefault(EvalEnvironment environment)
    {
        var r = new EvalRegistry(environment);
        r.AddBackend(OpenAIBackend.Name, OpenAIBackend.Create());
        r.AddGrader("exact_match", g => new ExactMatchGrader(g.MetricName));
        r.AddGrader("choice_accuracy", g => new ChoiceAccuracyGrader(g.MetricName));
        r.AddGrader("contains", g => new ContainsGrader(g.MetricName));
        r.AddGrader("regex", g => new RegexGrader(g.MetricName));
        r.AddGrader("numeric", g => new NumericGrader(g.MetricName));
        r.AddGrader("kind", g => new KindGrader(g.MetricName));
        r.AddGrader("citation", g => new CitationGrader(environment, g.MetricName));
        r.AddGrader("basket_scope", g => new BasketScopeGrader(g.MetricName));
        r.AddGrader("item_accuracy", g => new ItemAccuracyGrader(g.MetricName));
        r.AddGrader("basket_exact", g => new BasketExactGrader(g.MetricName));
        r.AddGrader("json_schema", g => JsonSchemaGrader.FromFile(
            environment.Resolve(g.Options.GetValueOrDefault("schema") ?? throw new InvalidDataException($"grader '{g.MetricName}' needs options.schema")), g.MetricName));
        r.AddGrader("llm_judge", g => new LlmJudgeGrader(
            g.Judge is { } judge ? r.CreateChatClient(judge) : null,
            PromptFile.Load(environment.PromptsFolder, "judge", g.Options.GetValueOrDefault("rubric") ?? "v1"), g.MetricName));
        return r;
    }

    public IEvalSystem CreateSystem(SystemVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return _backends.TryGetValue(variant.Spec.Backend, out var backend)
            ? new BackendSystem(variant, backend, Environment)
            : throw new InvalidDataException($"system '{variant.Name}': unknown backend '{variant.Spec.Backend}' (registered: {string.Join(", ", _backends.Keys)})");
    }

    public IEvaluator CreateGrader(GraderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _graders.TryGetValue(spec.Type, out var factory)
            ? factory(spec)
            : throw new InvalidDataException($"grader '{spec.MetricName}': unknown type '{spec.Type}' (registered: {string.Join(", ", _graders.Keys)})");
    }

    /// <summary>A chat client from a spec naming a backend with a chat client (judges).</summary>
    public IChatClient CreateChatClient(SystemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var variant = SystemVariant.Expand(spec)[0];
        return _backends.TryGetValue(spec.Backend, out var b) && b.ChatClient is { } factory
            ? factory(variant)
            : throw new InvalidDataException($"judge backend '{spec.Backend}' has no chat client");
    }

    internal static bool AppliesTo(GraderSpec grader, EvalCase c) => grader.Datasets is null || grader.Datasets.Contains(c.Dataset);
}
