using System.Text.Json;
using BasketReasoner.Core.Escalation;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly;

namespace BasketReasoner.Server.Cloud;

/// <summary>
/// The cloud stage: asks any OpenAI-compatible endpoint (Semantic Kernel's OpenAI connector) to pick one of the
/// candidates for the camera frames (sent as data URLs), answer constrained by a JSON schema, through
/// <see cref="CloudResilience"/>. Thread-safe.
/// </summary>
internal sealed class CloudCandidateChooser : ICandidateChooser
{
    private readonly IChatCompletionService _chat;
    private readonly ResiliencePipeline _pipeline;
    private readonly CloudChooserOptions _options;

    public CloudCandidateChooser(CloudChooserOptions options, HttpClient http, TimeProvider time)
    {
        _options = options;
        var endpoint = options.Endpoint ?? throw new ArgumentException("Cloud:Endpoint is not set.", nameof(options));
        // The connector over an OpenAI client pointed at the configured endpoint: any OpenAI-compatible server works.
        var client = new OpenAI.OpenAIClient(
            new System.ClientModel.ApiKeyCredential(options.ApiKey ?? "none"),
            new OpenAI.OpenAIClientOptions { Endpoint = endpoint, Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(http), NetworkTimeout = Timeout.InfiniteTimeSpan, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
        _chat = new OpenAIChatCompletionService(options.Model, client);
        _pipeline = CloudResilience.Build(options, time);
    }

    public string Stage => "cloud";

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        var history = new ChatHistory(ChoicePrompt.System);
        var items = new ChatMessageContentItemCollection { new TextContent(ChoicePrompt.UserText(request)) };
        foreach (var image in request.Images)
        {
            items.Add(new ImageContent(image, "image/jpeg"));
        }

        history.AddUserMessage(items);
        var schema = ChoicePrompt.Schema(request.Candidates.Select(c => c.ProductId));
        var settings = new OpenAIPromptExecutionSettings
        {
            Temperature = 0,
            MaxTokens = _options.MaxOutputTokens,
            Seed = 0,
            ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                ChoicePrompt.SchemaName, BinaryData.FromString(schema.ToJsonString()), jsonSchemaIsStrict: true),
        };

        return await _pipeline.ExecuteAsync(async ct =>
        {
            var reply = await _chat.GetChatMessageContentAsync(history, settings, cancellationToken: ct).ConfigureAwait(false);
            var (input, output) = Usage(reply);
            return ChoicePrompt.Parse(reply.Content, request, input, output);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static (int Input, int Output) Usage(ChatMessageContent reply) =>
        reply.Metadata?.TryGetValue("Usage", out var u) == true && u is OpenAI.Chat.ChatTokenUsage usage
            ? (usage.InputTokenCount, usage.OutputTokenCount)
            : (0, 0);
}
