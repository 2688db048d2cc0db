using System.ClientModel;
using System.ClientModel.Primitives;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Reasoning.Choice;
using BasketReasoner.Reasoning.Escalation;
using Microsoft.Extensions.AI;
using OpenAI;
using Polly;

namespace BasketReasoner.Server.Cloud;

/// <summary>
/// The cloud stage: the one <see cref="ChatCandidateChooser"/> over any OpenAI-compatible endpoint
/// (<c>Cloud:Endpoint</c>, through Microsoft.Extensions.AI's OpenAI client), inside <see cref="CloudResilience"/>.
/// The prompt is <c>Cloud:Prompt</c> (default <c>prompts/choose-product/v2.md</c>) with its answer schema. Thread-safe.
/// </summary>
internal sealed class CloudCandidateChooser : ICandidateChooser
{
    private readonly ChatCandidateChooser _chooser;
    private readonly ResiliencePipeline _pipeline;

    public CloudCandidateChooser(CloudChooserOptions options, HttpClient http, TimeProvider time, ChoosePrompt prompt, ProductCatalog? catalog = null)
    {
        var endpoint = options.Endpoint ?? throw new ArgumentException("Cloud:Endpoint is not set.", nameof(options));
        // Retries and timeouts are the resilience pipeline's, not the client's.
        var client = new OpenAI.Chat.ChatClient(options.Model, new ApiKeyCredential(options.ApiKey ?? "none"), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            RetryPolicy = new ClientRetryPolicy(0),
        }).AsIChatClient();
        _chooser = new ChatCandidateChooser(client, prompt,
            () => new ChatOptions { ModelId = options.Model, Temperature = 0, Seed = 0, MaxOutputTokens = options.MaxOutputTokens }, catalog, sendImages: true, stage: Stage);
        _pipeline = CloudResilience.Build(options, time);
    }

    public string Stage => EscalationPolicy.CloudStage;

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default) =>
        await _pipeline.ExecuteAsync(async ct => await _chooser.ChooseAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
