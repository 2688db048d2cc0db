namespace BasketReasoner.Assistant.ToolCalls;

/// <summary>
/// One tool call read from a question: which read-only tool answers it and the product or category mentions it
/// passes, each a run of the question's own words (<see cref="ToolCallSchema.Spans"/>).
/// </summary>
/// <param name="Tool">A name from <see cref="ToolCallSchema.Tools"/>.</param>
/// <param name="Products">Mentions in the order the question gives them; empty when it names none.</param>
public sealed record ToolCall(string Tool, IReadOnlyList<string> Products)
{
    /// <summary>The intent the rules stage answers this tool with.</summary>
    public QuestionIntent Intent => ToolCallSchema.IntentOf(Tool);
}
