namespace BasketReasoner.Core.Escalation;

/// <summary>A later stage's answer: always one of the request's candidates, with a probability for each.</summary>
/// <param name="ProductId">The chosen candidate.</param>
/// <param name="Probability">The chooser's probability for <paramref name="ProductId"/>.</param>
/// <param name="CandidateProbabilities">Probability per candidate id (sums to 1 over the candidates).</param>
/// <param name="InputTokens">Prompt tokens spent, 0 for a chooser that is not a language model.</param>
/// <param name="OutputTokens">Generated tokens spent.</param>
public sealed record CandidateChoice(
    string ProductId,
    double Probability,
    IReadOnlyDictionary<string, double> CandidateProbabilities,
    int InputTokens = 0,
    int OutputTokens = 0);
