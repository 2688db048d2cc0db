using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace BasketReasoner.Eval.Harness.Graders;

/// <summary>
/// <c>llm_judge</c>: a judge model (any <see cref="IChatClient"/>) scores a shopper answer against the case's
/// expectation with a rubric prompt (<c>prompts/judge/&lt;version&gt;.md</c>); the reply's <c>SCORE: n</c> (1–5)
/// maps to (n − 1) / 4. An unreadable verdict scores nothing and says so. Temperature 0, fixed seed.
/// </summary>
public sealed partial class LlmJudgeGrader : CaseGrader
{
    private readonly IChatClient? _judge;
    private readonly PromptFile _rubric;

    /// <param name="judge">The judge; when null the evaluation's <see cref="ChatConfiguration"/> must supply one.</param>
    /// <param name="rubric">Uses {{question}}, {{basket}}, {{expectation}}, {{answer}}.</param>
    /// <param name="name">Metric name.</param>
    public LlmJudgeGrader(IChatClient? judge, PromptFile rubric, string name = "llm_judge") : base(name)
    {
        _judge = judge;
        _rubric = rubric;
    }

    protected override async ValueTask<Grade?> GradeAsync(EvalCase evalCase, SystemOutput output, ChatConfiguration? chat, CancellationToken cancellationToken)
    {
        if (evalCase.Payload is not ShopperCase question)
        {
            return null;
        }

        var client = _judge ?? chat?.ChatClient ?? throw new InvalidOperationException("llm_judge has no judge model");
        var (system, user) = _rubric.Render(new Dictionary<string, string>
        {
            ["question"] = question.Question,
            ["basket"] = string.Join(", ", question.Basket.Select(l => $"{l.Qty} × {l.Product}")),
            ["expectation"] = JsonSerializer.Serialize(question.Expect, Core.Serialization.SnakeCaseJson.Compact),
            ["answer"] = output.Text,
        });
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)],
            new ChatOptions { Temperature = 0, Seed = 1, MaxOutputTokens = 200 }, cancellationToken).ConfigureAwait(false);
        var m = Score().Match(response.Text);
        if (!m.Success)
        {
            return Fail($"judge gave no SCORE: {ExactMatchGrader.Shorten(response.Text)}");
        }

        var n = Math.Clamp(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 1, 5);
        return new Grade((n - 1) / 4.0, $"judge {n}/5: {ExactMatchGrader.Shorten(response.Text.Trim())}");
    }

    [GeneratedRegex(@"SCORE\s*[:=]\s*([1-5])", RegexOptions.IgnoreCase)]
    private static partial Regex Score();
}
