using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// Puts a chooser that reads candidates by name (the on-device VLM scores each candidate's name) behind this store's
/// catalog, for requests that come from outside: every candidate must be a product the catalog holds
/// (<see cref="KnownCandidates"/>, as the recognizer and fusion choosers require), and each is named by the catalog,
/// whatever name the request gave it. Otherwise the request decides the answer: an id the store does not hold was
/// answered with confidence 1, and a kiwi's frame with the names swapped ({"Kiwi", "Banana"}, {"Banana", "Kiwi"})
/// was answered Banana at 0.9997 — above the cloud threshold at which the cart takes the answer without the shopper.
/// Request-supplied names are ignored rather than refused: the cart's own cloud chooser sends the catalog's
/// display names, so a correct request loses nothing, and no name a caller can write changes which product a name stands for.
/// </summary>
public sealed class CatalogCandidateChooser(ProductCatalog catalog, ICandidateChooser inner) : ICandidateChooser
{
    public string Stage => inner.Stage;

    /// <exception cref="FormatException">A candidate is not a product of the catalog (the chat API answers 400).</exception>
    public Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        KnownCandidates.Require(catalog, request);
        var named = request with
        {
            Candidates = [.. request.Candidates.Select(c => c with { DisplayName = catalog.Get(c.ProductId).DisplayName })],
        };
        return inner.ChooseAsync(named, cancellationToken);
    }
}
