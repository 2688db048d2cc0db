using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BasketReasoner.Server.Cloud;
using BasketReasoner.Server.Hosting;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Server.Chat;

/// <summary>
/// A chat backend with no language model: it answers only the constrained candidate choice (a request whose JSON
/// schema lists the candidate ids, as <see cref="CloudCandidateChooser"/> sends) from this server's own recognizer,
/// restricted to the candidates and renormalized. It lets a <c>basket serve --config cloud.json</c> process act as a
/// cloud fallback before a generative model is installed; any other request gets a clear refusal text. Thread-safe.
/// </summary>
internal sealed class RecognizerChatClient(PipelineHost pipeline, string modelId) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var text = await AnswerAsync(messages.ToList(), options, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0 },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private async Task<string> AnswerAsync(List<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var ids = options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } ? ChoicePrompt.CandidateIds(schema) : null;
        var images = messages.SelectMany(m => m.Contents).OfType<DataContent>()
            .Where(d => d.HasTopLevelMediaType("image")).Select(d => d.Data).ToArray();
        if (ids is null || ids.Count == 0 || images.Length == 0)
        {
            return "This backend only answers the cart's candidate choice (an image and a candidate_choice JSON schema).";
        }

        var probs = await pipeline.ClassProbabilitiesAsync(images, cancellationToken).ConfigureAwait(false);
        var scores = new double[ids.Count];
        double total = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            scores[i] = pipeline.Catalog.TryGet(ids[i], out var p) ? probs[p.ClassIndex] : 0;
            total += scores[i];
        }

        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var confidence = total > 0 ? scores[best] / total : 1.0 / ids.Count;
        return JsonSerializer.Serialize(new { product_id = ids[best], confidence = Math.Round(confidence, 6) });
    }
}
