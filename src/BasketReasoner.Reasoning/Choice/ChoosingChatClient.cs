using System.Runtime.CompilerServices;
using BasketReasoner.Core.Escalation;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// The serving side of a candidate choice: a chat request that carries the structured request
/// (<see cref="CandidateChoiceMessage.TryRead"/>) is answered by <paramref name="chooser"/> (the on-device VLM's scored
/// choice, or this server's recognizer), as <c>{"product_id", "confidence"}</c>; anything else goes to
/// <paramref name="inner"/>, or gets a clear refusal text when there is no language model. This is what lets one
/// <c>basket serve</c> be another cart's cloud stage.
/// </summary>
/// <remarks>
/// Why the chooser and not the model's own JSON: constrained decoding keeps the VLM's <c>product_id</c> inside the
/// enum but not its <c>confidence</c> inside [0, 1] (it wrote 1.56e9 in a probe), and a number a tiny model writes is
/// no probability anyway; the scored probability is what the on-device stage itself uses.
/// </remarks>
public sealed class ChoosingChatClient(IChatClient? inner, ICandidateChooser chooser, string? modelId = null) : IChatClient
{
    public const string Refusal = "This backend only answers the cart's candidate choice (images, a candidate_choice_request JSON part and the candidate_choice response format).";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (CandidateChoiceMessage.TryRead(list, options) is not { } request)
        {
            return inner is not null
                ? await inner.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false)
                : Reply(Refusal, options, null);
        }

        var choice = await chooser.ChooseAsync(request, cancellationToken).ConfigureAwait(false);
        return Reply(CandidateChoiceMessage.AnswerJson(choice), options, choice);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (inner is not null && CandidateChoiceMessage.TryRead(list, options) is null)
        {
            await foreach (var update in inner.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var response = await GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner?.GetService(serviceType, serviceKey);

    public void Dispose() => inner?.Dispose();

    private ChatResponse Reply(string text, ChatOptions? options, CandidateChoice? choice) => new(new ChatMessage(ChatRole.Assistant, text))
    {
        FinishReason = ChatFinishReason.Stop,
        ModelId = options?.ModelId ?? modelId,
        Usage = new UsageDetails
        {
            InputTokenCount = choice?.InputTokens ?? 0,
            OutputTokenCount = choice?.OutputTokens ?? 0,
            TotalTokenCount = (choice?.InputTokens ?? 0) + (choice?.OutputTokens ?? 0),
        },
    };
}
