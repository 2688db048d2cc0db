namespace BasketReasoner.Core.Assistant;

/// <summary>One streamed piece of an answer: text as it is produced, then the complete answer once.</summary>
/// <param name="TextDelta">Text to append to what was shown so far; <c>null</c> on the final update.</param>
/// <param name="Final">The complete answer, set on the last update only.</param>
public sealed record ShopperAnswerUpdate(string? TextDelta, ShopperAnswer? Final);
