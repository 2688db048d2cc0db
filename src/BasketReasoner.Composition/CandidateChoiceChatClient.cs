using System.Runtime.CompilerServices;
using System.Text.Json;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Escalation;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Composition;

/// <summary>
/// The VLM's chat client as another cart's cloud fallback sees it: a request constrained by the cloud chooser's
/// <c>candidate_choice</c> schema (<c>product_id</c> an enum of candidate ids, plus <c>confidence</c>) is answered by
/// the on-device chooser, which scores every candidate's name exactly and renormalises over them; everything else
/// goes to the VLM unchanged.
/// </summary>
/// <remarks>
/// Why: the VLM's JSON-constrained decoding keeps <c>product_id</c> inside the enum but not <c>confidence</c> inside
/// [0, 1] (it wrote 1.56e9 in a probe), and a number the tiny model writes is no probability anyway. The scored
/// probability is what the on-device stage itself uses.
/// </remarks>
internal sealed class CandidateChoiceChatClient(IChatClient inner, ICandidateChooser chooser) : DelegatingChatClient(inner)
{
    public const string SchemaName = "candidate_choice";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (ToChoiceRequest(list, options) is not { } request)
        {
            return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }

        var choice = await chooser.ChooseAsync(request, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["product_id"] = choice.ProductId, ["confidence"] = choice.Probability });
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, json))
        {
            FinishReason = ChatFinishReason.Stop,
            ModelId = options?.ModelId,
            Usage = new UsageDetails { InputTokenCount = choice.InputTokens, OutputTokenCount = choice.OutputTokens, TotalTokenCount = choice.InputTokens + choice.OutputTokens },
        };
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (ToChoiceRequest(list, options) is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
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

    /// <summary>The choice a request asks for, or <c>null</c> when it is not a candidate choice with images.</summary>
    internal static ChoiceRequest? ToChoiceRequest(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson { SchemaName: SchemaName, Schema: { } schema }
            || !schema.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object
            || !props.TryGetProperty("product_id", out var pid) || !pid.TryGetProperty("enum", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var candidateIds = ids.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList();
        var images = messages.SelectMany(m => m.Contents).OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).Select(d => d.Data).ToList();
        if (candidateIds.Count < 2 || images.Count == 0)
        {
            return null;
        }

        // The chooser's user text lists "- id: name" lines; the names are what the VLM scores.
        var text = string.Join('\n', messages.Select(m => m.Text));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var t = line.Trim();
            var colon = t.IndexOf(": ", StringComparison.Ordinal);
            if (t.StartsWith("- ", StringComparison.Ordinal) && colon > 2)
            {
                names.TryAdd(t[2..colon], t[(colon + 2)..]);
            }
        }

        var type = text.Contains("taken out", StringComparison.OrdinalIgnoreCase) ? CartEventType.Remove : CartEventType.Add;
        return new ChoiceRequest(type, images, null,
            candidateIds.Select(id => new ChoiceCandidate(id, names.GetValueOrDefault(id) ?? id.Replace('-', ' '), 0)).ToList());
    }
}
