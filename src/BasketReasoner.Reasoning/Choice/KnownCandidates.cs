using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// A choice among products this server's catalog does not hold cannot be scored: the recognizer has no class for
/// them, so a renormalised score would read as certainty ("Nope" at 0.99997). Refused instead, as a malformed request.
/// </summary>
internal static class KnownCandidates
{
    /// <exception cref="FormatException">A candidate is not a product of <paramref name="catalog"/>.</exception>
    public static void Require(ProductCatalog catalog, ChoiceRequest request)
    {
        var unknown = request.Candidates.Where(c => !catalog.TryGet(c.ProductId, out _)).Select(c => c.ProductId).ToArray();
        if (unknown.Length > 0)
        {
            throw new FormatException($"candidate_choice_request names products this store does not hold: {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        }
    }
}
