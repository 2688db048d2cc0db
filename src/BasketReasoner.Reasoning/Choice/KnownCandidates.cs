using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// A choice among products this server's catalog does not hold cannot be scored: the recognizer has no class for
/// them, so a renormalised score would read as certainty ("Nope" at 0.99997). Refused instead, as a malformed request.
/// </summary>
internal static class KnownCandidates
{
    /// <exception cref="CandidateChoiceRequestException">A candidate is not a product of <paramref name="catalog"/>.</exception>
    public static void Require(ProductCatalog catalog, ChoiceRequest request)
    {
        var unknown = request.Candidates.Select((c, i) => (c.ProductId, Index: i)).Where(c => !catalog.TryGet(c.ProductId, out _)).ToArray();
        if (unknown.Length > 0)
        {
            // The field is the first unknown candidate's id; the message lists them all.
            throw new CandidateChoiceRequestException($"{CandidateChoiceMessage.RequestProperty}.candidates[{unknown[0].Index}].product_id",
                $"candidate_choice_request names products this store does not hold: {string.Join(", ", unknown.Select(u => $"'{u.ProductId}'"))}.");
        }
    }
}
