using BasketReasoner.Core.Assistant;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage's answer, with the intent it read and the facts it used (for the LLM stage).</summary>
internal sealed record RulesAnswer(ShopperAnswerKind Kind, string Text, IReadOnlyList<string> Cited, QuestionIntent Intent, string Facts)
{
    /// <summary>What read the question: <c>rules</c>, <c>tool-call</c>, or <c>rules (tool call rejected: why)</c>.</summary>
    public string Path { get; init; } = ShopperAssistant.RulesStage;
}
