using BasketReasoner.Core.Escalation;
using BasketReasoner.Generation.Model;

namespace BasketReasoner.Generation.Chat;

/// <summary>
/// The on-device stage of escalation: the first camera frame and the prompt template's question go to the VLM,
/// and the candidates' display names are scored exactly through the constrained-choice trie, so the answer is
/// always one of the request's candidates; probabilities are renormalised over them.
/// </summary>
public sealed class OnDeviceCandidateChooser : ICandidateChooser
{
    private readonly GenerationEngine _engine;
    private readonly ChoicePromptTemplate _template;

    public OnDeviceCandidateChooser(GenerationEngine engine, ChoicePromptTemplate template)
    {
        _engine = engine;
        _template = template;
    }

    public string Stage => "on-device";

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Candidates.Count < 2) throw new ArgumentException("At least two candidates are needed.", nameof(request));
        if (request.Images.Count == 0) throw new ArgumentException("At least one image is needed.", nameof(request));
        var names = request.Candidates.Select(c => c.DisplayName).ToList();
        var messages = new List<PromptMessage>();
        if (_template.System is { Length: > 0 } system) messages.Add(new PromptMessage(PromptRole.System, system));
        // The model was trained on one image per question: the first view is used.
        messages.Add(new PromptMessage(PromptRole.User, _template.Render(names), [request.Images[0]]));
        var result = await _engine.ChooseAsync(messages, names, cancellationToken).ConfigureAwait(false);
        var probabilities = new Dictionary<string, double>();
        for (int i = 0; i < request.Candidates.Count; i++)
        {
            var id = request.Candidates[i].ProductId;
            probabilities[id] = probabilities.GetValueOrDefault(id) + result.Probabilities[i];
        }

        var chosen = request.Candidates[result.Index].ProductId;
        return new CandidateChoice(chosen, probabilities[chosen], probabilities, result.PromptTokens, result.ForwardSteps);
    }
}
