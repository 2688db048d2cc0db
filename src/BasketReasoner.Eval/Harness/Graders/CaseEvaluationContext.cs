using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.Extensions.AI.Evaluation;

namespace BasketReasoner.Eval.Harness.Graders;

/// <summary>
/// The case and the system's structured output, handed to every <see cref="IEvaluator"/> as additional context:
/// graders need the expectation and fields (chosen id, kind, citations) a plain chat response does not carry.
/// </summary>
public sealed class CaseEvaluationContext(EvalCase evalCase, SystemOutput output)
    : EvaluationContext(ContextName, evalCase.InputJson)
{
    public const string ContextName = "BasketReasoner case";

    public EvalCase Case { get; } = evalCase;

    public SystemOutput Output { get; } = output;
}
