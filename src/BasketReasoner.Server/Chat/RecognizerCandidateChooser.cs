using BasketReasoner.Core.Escalation;
using BasketReasoner.Server.Hosting;

namespace BasketReasoner.Server.Chat;

/// <summary>
/// A candidate chooser with no language model: this server's recognizer, its class probabilities averaged over the
/// frames, restricted to the candidates and renormalised. Behind <c>Server:ChatBackend = recognizer</c> it answers
/// the structured candidate choice on <c>/v1/chat/completions</c>, so a <c>basket serve</c> can be a cloud fallback
/// before a generative model is installed. Thread-safe.
/// </summary>
internal sealed class RecognizerCandidateChooser(PipelineHost pipeline) : ICandidateChooser
{
    public string Stage => "recognizer";

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        var probs = await pipeline.ClassProbabilitiesAsync(request.Images, cancellationToken).ConfigureAwait(false);
        var scores = request.Candidates
            .Select(c => pipeline.Catalog.TryGet(c.ProductId, out var p) ? (double)probs[p.ClassIndex] : 0)
            .ToArray();
        var total = scores.Sum();
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var normalised = request.Candidates.Select((c, i) => (c.ProductId, P: total > 0 ? scores[i] / total : 1.0 / scores.Length))
            .ToDictionary(x => x.ProductId, x => x.P, StringComparer.Ordinal);
        var id = request.Candidates[best].ProductId;
        return new CandidateChoice(id, normalised[id], normalised);
    }
}
