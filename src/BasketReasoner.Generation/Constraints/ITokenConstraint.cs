namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// Restricts generation to a language: before each step it masks every token that would leave the language,
/// so an invalid output cannot be sampled. Stateful; one instance per generation.
/// </summary>
internal interface ITokenConstraint
{
    /// <summary>
    /// Sets the logits of disallowed tokens to −∞. <paramref name="remainingTokens"/> is the budget left including
    /// this step; a constraint must finish within it (end tokens count).
    /// </summary>
    void Mask(Span<float> logits, int remainingTokens);

    /// <summary>Advances over a token <see cref="Mask"/> allowed.</summary>
    void Accept(int token);
}
