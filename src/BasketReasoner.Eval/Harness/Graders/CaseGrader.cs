using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace BasketReasoner.Eval.Harness.Graders;

/// <summary>
/// Base of the built-in graders: an <see cref="IEvaluator"/> reporting one <see cref="NumericMetric"/> in [0, 1], or a
/// metric without a value when the case gives it nothing to check (then it counts neither for nor against).
/// </summary>
public abstract class CaseGrader : IEvaluator
{
    protected CaseGrader(string metricName) => MetricName = metricName;

    public string MetricName { get; }

    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var context = additionalContext?.OfType<CaseEvaluationContext>().FirstOrDefault()
            ?? throw new ArgumentException($"{GetType().Name} needs a {nameof(CaseEvaluationContext)}", nameof(additionalContext));
        var grade = await GradeAsync(context.Case, context.Output, chatConfiguration, cancellationToken).ConfigureAwait(false);
        return new EvaluationResult(grade is null
            ? new NumericMetric(MetricName, null, "not applicable")
            : new NumericMetric(MetricName, grade.Score, grade.Reason));
    }

    /// <returns>The grade, or <c>null</c> when the case has nothing for this grader.</returns>
    protected virtual ValueTask<Grade?> GradeAsync(EvalCase evalCase, SystemOutput output, ChatConfiguration? chat, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Grade(evalCase, output));

    protected virtual Grade? Grade(EvalCase evalCase, SystemOutput output) => null;

    protected static Grade Pass(string? reason = null) => new(1, reason);

    protected static Grade Fail(string reason) => new(0, reason);
}

/// <summary>A score in [0, 1] and why.</summary>
public sealed record Grade(double Score, string? Reason);
