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
    int OutputTokens = 0)
{
    /// <summary>
    /// The choice a scorer without a language model makes: <paramref name="scores"/> (one per candidate, ≥ 0)
    /// renormalised over the candidates, the first highest chosen; uniform when every score is 0.
    /// </summary>
    public static CandidateChoice FromScores(IReadOnlyList<ChoiceCandidate> candidates, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(scores);
        if (candidates.Count == 0 || scores.Count != candidates.Count)
        {
            throw new ArgumentException($"Need one score per candidate and at least one candidate, got {scores.Count} for {candidates.Count}.", nameof(scores));
        }

        var total = scores.Sum();
        var best = 0;
        for (var i = 1; i < scores.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Count; i++)
        {
            probabilities[candidates[i].ProductId] = total > 0 ? scores[i] / total : 1.0 / scores.Count;
        }

        var id = candidates[best].ProductId;
        return new CandidateChoice(id, probabilities[id], probabilities);
    }
}
