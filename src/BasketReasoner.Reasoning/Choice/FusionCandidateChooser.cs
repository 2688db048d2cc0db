using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// Resolves an event from its frames with a pipeline's full evidence fusion (recognizer, retrieval, the weight,
/// label text where its gate opens): <paramref name="Frames"/> are encoded camera images.
/// </summary>
public delegate ValueTask<Resolution> ResolveFrames(
    CartEvent CartEvent, IReadOnlyList<ReadOnlyMemory<byte>> Frames, Basket Basket, CancellationToken CancellationToken);

/// <summary>
/// A candidate chooser with no language model: the serving pipeline's own evidence fusion over the request's frames
/// and measured weight, its posterior restricted to the request's candidates and renormalised. It is what
/// <c>Server:ChatBackend = fusion</c> answers on <c>/v1/chat/completions</c>, so a cloud <c>basket serve</c> running
/// a larger recognizer (<c>models/recognizer-cloud</c>) decides with everything the cart measured, not with pixels
/// alone as <c>ChatBackend = recognizer</c> does.
/// </summary>
/// <remarks>
/// The request carries no basket. An add is fused against an empty one (the repeat prior is the cart's to apply); a
/// removal against a basket holding the candidates, since a removal's candidates are the lines the cart's basket holds.
/// A candidate the fusion did not keep among its top candidates gets probability 0; when it kept none of them the
/// answer is uniform, so no threshold accepts it. Thread-safe when <c>resolve</c> is.
/// </remarks>
public sealed class FusionCandidateChooser(ProductCatalog catalog, ResolveFrames resolve) : ICandidateChooser
{
    public string Stage => "fusion";

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Candidates.Count == 0)
        {
            throw new ArgumentException("A choice needs at least one candidate.", nameof(request));
        }

        KnownCandidates.Require(catalog, request);
        var basket = new Basket();
        if (request.Type == CartEventType.Remove)
        {
            foreach (var c in request.Candidates)
            {
                if (catalog.TryGet(c.ProductId, out _) && !basket.Contains(c.ProductId))
                {
                    basket.Add(c.ProductId);
                }
            }
        }

        var cartEvent = new CartEvent(0, request.Type, "", request.WeightDeltaGrams);
        var resolution = await resolve(cartEvent, request.Images, basket, cancellationToken).ConfigureAwait(false);
        var scores = new double[request.Candidates.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            foreach (var e in resolution.Candidates)
            {
                if (string.Equals(e.ProductId, request.Candidates[i].ProductId, StringComparison.Ordinal))
                {
                    scores[i] = e.Posterior;
                    break;
                }
            }
        }

        return CandidateChoice.FromScores(request.Candidates, scores);
    }
}
