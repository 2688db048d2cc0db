using BasketReasoner.Core.Assistant;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage's answer, with the intent it read and the facts it used (for the LLM stage).</summary>
internal sealed record RulesAnswer(ShopperAnswerKind Kind, string Text, IReadOnlyList<string> Cited, QuestionIntent Intent, string Facts);
