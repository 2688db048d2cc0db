using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// A candidate chooser with no language model: a recognizer's class probabilities averaged over the request's frames
/// (<c>probabilities</c>, indexed by class), restricted to the candidates and renormalised. Behind
/// <c>Server:ChatBackend = recognizer</c> it answers the structured candidate choice on <c>/v1/chat/completions</c>,
/// so a <c>basket serve</c> can be a cloud fallback before a generative model is installed. It sees the pixels only:
/// the candidates already carry what the cart's fusion made of the weight and the label. Thread-safe when
/// <c>probabilities</c> is.
/// </summary>
public sealed class RecognizerCandidateChooser(
    ProductCatalog catalog, Func<IReadOnlyList<ReadOnlyMemory<byte>>, CancellationToken, ValueTask<float[]>> probabilities) : ICandidateChooser
{
    public string Stage => "recognizer";

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        KnownCandidates.Require(catalog, request);
        var probs = await probabilities(request.Images, cancellationToken).ConfigureAwait(false);
        var scores = request.Candidates
            .Select(c => catalog.TryGet(c.ProductId, out var p) ? (double)probs[p.ClassIndex] : 0)
            .ToArray();
        return CandidateChoice.FromScores(request.Candidates, scores);
    }
}
