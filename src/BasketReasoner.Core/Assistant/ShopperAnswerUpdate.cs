namespace BasketReasoner.Core.Assistant;

/// <summary>One streamed piece of an answer: text as it is produced, then the complete answer once.</summary>
/// <param name="TextDelta">Text to append to what was shown so far; <c>null</c> on the final update.</param>
/// <param name="Final">The complete answer, set on the last update only.</param>
/// <param name="Restart">
/// Discard what was shown so far before appending <paramref name="TextDelta"/>: a streamed model answer was withdrawn
/// part-way (a later sentence failed the grounding check) and the rules answer follows instead. Every part that was
/// shown had passed the check; <see cref="ShopperAnswer.Text"/> of the final update is what stands.
/// </param>
public sealed record ShopperAnswerUpdate(string? TextDelta, ShopperAnswer? Final, bool Restart = false);
