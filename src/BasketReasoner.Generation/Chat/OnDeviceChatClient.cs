using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Sampling;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Generation.Chat;

/// <summary>
/// <see cref="IChatClient"/> over a <see cref="GenerationEngine"/>. Text and <see cref="DataContent"/> images
/// (image/*) are accepted in system, user and assistant messages; tools are not. Options: Temperature (default 0 =
/// greedy), TopP, TopK, MaxOutputTokens (default <see cref="OnDeviceChatClientOptions.DefaultMaxOutputTokens"/>),
/// StopSequences, Seed, FrequencyPenalty f → repetition penalty 1 + f (or AdditionalProperties
/// <c>repetition_penalty</c>), Instructions → a system message, ResponseFormat JSON with a schema → constrained
/// decoding (JSON without a schema is rejected). Thread-safe: the engine runs one generation at a time and queues
/// the rest.
/// </summary>
public sealed class OnDeviceChatClient : IChatClient
{
    private readonly GenerationEngine _engine;
    private readonly OnDeviceChatClientOptions _options;
    private readonly ChatClientMetadata _metadata;

    public OnDeviceChatClient(GenerationEngine engine, OnDeviceChatClientOptions? options = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? new OnDeviceChatClientOptions();
        _metadata = new ChatClientMetadata("basket-on-device", null, engine.ModelId);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)) updates.Add(u);
        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = ToPrompt(messages, options);
        var generation = ToGenerationOptions(options);
        string responseId = Guid.NewGuid().ToString("N");
        await foreach (var u in _engine.GenerateAsync(prompt, generation, cancellationToken).ConfigureAwait(false))
        {
            if (u.Finish is not { } finish)
            {
                if (u.Text.Length > 0) yield return Update(new TextContent(u.Text));
                continue;
            }

            var contents = new List<AIContent>();
            if (u.Text.Length > 0) contents.Add(new TextContent(u.Text));
            contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = u.PromptTokens,
                OutputTokenCount = u.GeneratedTokens,
                TotalTokenCount = u.PromptTokens + u.GeneratedTokens,
            }));
            var last = new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                ModelId = _engine.ModelId,
                FinishReason = finish is FinishReason.EndToken or FinishReason.StopSequence ? ChatFinishReason.Stop : ChatFinishReason.Length,
            };
            yield return last;
        }

        ChatResponseUpdate Update(AIContent content) => new(ChatRole.Assistant, [content]) { ResponseId = responseId, ModelId = _engine.ModelId };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType == typeof(GenerationEngine)) return _engine;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The engine is owned by whoever opened it (it may serve several clients).
    }

    internal static List<PromptMessage> ToPrompt(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var prompt = new List<PromptMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions)) prompt.Add(new PromptMessage(PromptRole.System, options.Instructions));
        foreach (var m in messages)
        {
            PromptRole role = m.Role == ChatRole.System ? PromptRole.System
                : m.Role == ChatRole.User ? PromptRole.User
                : m.Role == ChatRole.Assistant ? PromptRole.Assistant
                : throw new NotSupportedException($"Role '{m.Role}' is not supported by the on-device model (no tools).");
            var text = new StringBuilder();
            var images = new List<ReadOnlyMemory<byte>>();
            foreach (var c in m.Contents)
            {
                switch (c)
                {
                    case TextContent t:
                        text.Append(t.Text);
                        break;
                    case DataContent d when d.HasTopLevelMediaType("image"):
                        images.Add(d.Data);
                        break;
                    case UsageContent:
                        break;
                    default:
                        throw new NotSupportedException($"Content '{c.GetType().Name}' is not supported by the on-device model (text and image data only).");
                }
            }

            prompt.Add(new PromptMessage(role, text.ToString(), images));
        }

        return prompt;
    }

    internal GenerationOptions ToGenerationOptions(ChatOptions? o)
    {
        if (o?.Tools is { Count: > 0 }) throw new NotSupportedException("The on-device model does not call tools.");
        float penalty = 1f;
        if (o?.AdditionalProperties?.TryGetValue("repetition_penalty", out var rp) == true) penalty = Convert.ToSingle(rp, System.Globalization.CultureInfo.InvariantCulture);
        else if (o?.FrequencyPenalty is > 0f and var f) penalty = 1f + f;

        string? schema = null;
        if (o?.ResponseFormat is ChatResponseFormatJson json)
        {
            schema = json.Schema is { } s ? s.GetRawText() : throw new NotSupportedException("JSON output needs a schema (ChatResponseFormat.ForJsonSchema); free-form JSON mode is not supported.");
        }

        return new GenerationOptions
        {
            MaxNewTokens = o?.MaxOutputTokens ?? _options.DefaultMaxOutputTokens,
            StopSequences = o?.StopSequences?.ToArray() ?? [],
            JsonSchema = schema,
            Sampling = new SamplingOptions
            {
                Temperature = o?.Temperature ?? 0f,
                TopP = o?.TopP ?? 1f,
                TopK = o?.TopK ?? 0,
                Seed = o?.Seed is { } seed ? unchecked((int)seed) : null,
                RepetitionPenalty = penalty,
            },
        };
    }
}

/// <summary>Defaults for <see cref="OnDeviceChatClient"/>.</summary>
public sealed class OnDeviceChatClientOptions
{
    /// <summary>Token budget when ChatOptions.MaxOutputTokens is not set. Default 256.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 256;
}
