using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Security;
using BasketReasoner.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Server.Chat;

/// <summary>
/// The OpenAI-compatible surface (<c>/v1/chat/completions</c>, stream and non-stream, and <c>/v1/models</c>) over the
/// registered <see cref="IChatClient"/>, so one server can be another cart's cloud fallback.
/// </summary>
internal static class ChatCompletionsEndpoints
{
    private const string Failed = "failed";

    private const string KeyMessage = "Send a chat API key as 'Authorization: Bearer KEY' (Server:ChatApiKeys); without configured keys this API answers only on loopback.";

    public static void Map(IEndpointRouteBuilder app)
    {
        // Left out of the cart API's OpenAPI document: this surface's contract is OpenAI's chat-completions API, and
        // its clients are OpenAI SDKs.
        app.MapGet("/v1/models", (HttpContext http, CartKeys keys, CartServerOptions options, ChatBackend backend, TimeProvider time) =>
            !keys.CheckChat(http.Request) ? OpenAiErrors.Of(401, KeyMessage, code: "invalid_api_key")
            : Results.Json(new
            {
                @object = "list",
                data = backend.Client is null ? [] : new[] { new { id = options.ModelId, @object = "model", created = time.GetUtcNow().ToUnixTimeSeconds(), owned_by = "basket-reasoner" } },
            })).ExcludeFromDescription();
        app.MapPost("/v1/chat/completions", CompleteAsync).ExcludeFromDescription();
    }

    private static async Task CompleteAsync(HttpContext http, CartKeys keys, CartServerOptions options, ChatBackend backend, TimeProvider time, ServerMetrics metrics)
    {
        var call = new Call();
        try
        {
            await RespondAsync(http, keys, options, backend, time, metrics, call).ConfigureAwait(false);
        }
        finally
        {
            var outcome = call.Outcome == Failed && http.RequestAborted.IsCancellationRequested ? "cancelled" : call.Outcome;
            metrics.RecordChat(call.Stream, outcome, call.Usage?.InputTokenCount, call.Usage?.OutputTokenCount);
        }
    }

    private static async Task RespondAsync(HttpContext http, CartKeys keys, CartServerOptions options, ChatBackend backend, TimeProvider time, ServerMetrics metrics, Call call)
    {
        if (!keys.CheckChat(http.Request))
        {
            await OpenAiErrors.Of(401, KeyMessage, code: "invalid_api_key").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (backend.Client is not { } client)
        {
            await OpenAiErrors.Of(503, "No chat model is installed on this server.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        ChatCompletionRequest request;
        try
        {
            StrictJson.CheckContentType(http.Request.ContentType);
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = ChatLimits.MaxJsonDepth }, http.RequestAborted).ConfigureAwait(false);
            request = ChatCompletionRequest.Parse(doc.RootElement, options.ModelId);
        }
        catch (ChatRequestException ex)
        {
            await OpenAiErrors.Of(ex.Status, ex.Message, ex.Param, ex.Code).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        catch (JsonException ex)
        {
            await OpenAiErrors.Of(400, StrictJson.Describe(ex), StrictJson.DuplicateField(ex)).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await OpenAiErrors.Of(ex.StatusCode, ex.Message).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        catch (InvalidOperationException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // JsonElement.GetString on bytes that are not UTF-8, or on an escaped lone surrogate ("\ud800"): the body
            // parsed as JSON but a string in it is not text.
            await OpenAiErrors.Of(400, "A string in the request is not valid text: invalid UTF-8 or a lone surrogate escape.", code: "invalid_string").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        call.Stream = request.Stream;
        call.Outcome = Failed;
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var ct = http.RequestAborted;
        if (!request.Stream)
        {
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(request.Messages, request.Options, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (Refusal(ex, request) is { } refusal)
            {
                call.Outcome = "refused";
                await OpenAiErrors.Of(400, refusal, RefusalParam(ex, request), RefusalCode(ex)).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            call.Outcome = "completed";
            call.Usage = response.Usage;
            await Results.Json(new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion",
                ["created"] = created,
                ["model"] = request.Options.ModelId,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = response.Text },
                    ["finish_reason"] = FinishReason(response.FinishReason),
                }),
                ["usage"] = Usage(response.Usage),
            }).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        // The first update is awaited before any header is sent, so a request the model refuses is still a plain 400.
        var started = time.GetTimestamp();
        await using var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, ct).GetAsyncEnumerator(ct);
        bool any;
        try
        {
            any = await updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (Refusal(ex, request) is { } refusal)
        {
            call.Outcome = "refused";
            await OpenAiErrors.Of(400, refusal, RefusalParam(ex, request), RefusalCode(ex)).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        ServerSentEvents.Start(http.Response);
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        var first = true;
        var firstText = true;
        try
        {
            for (; any; any = await updates.MoveNextAsync().ConfigureAwait(false))
            {
                var update = updates.Current;
                finish = update.FinishReason ?? finish;
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                if (firstText && !string.IsNullOrEmpty(update.Text))
                {
                    firstText = false;
                    metrics.ChatTimeToFirstToken.Record(time.GetElapsedTime(started).TotalSeconds);
                }

                if (string.IsNullOrEmpty(update.Text) && !first)
                {
                    continue;
                }

                var delta = new JsonObject { ["content"] = update.Text };
                if (first)
                {
                    delta["role"] = "assistant";
                    first = false;
                }

                await ServerSentEvents.WriteAsync(http.Response, null, Chunk(id, created, request.Options.ModelId, delta, null).ToJsonString(), ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Headers are sent: the failure goes down the stream as OpenAI streams send one, then the stream ends.
            var refusal = Refusal(ex, request);
            call.Outcome = refusal is null ? Failed : "refused";
            var message = refusal ?? "The model failed while generating; the completion is incomplete.";
            await ServerSentEvents.WriteAsync(http.Response, null, new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = message, ["type"] = refusal is null ? "server_error" : "invalid_request_error", ["param"] = RefusalParam(ex, request), ["code"] = RefusalCode(ex) },
            }.ToJsonString(), ct).ConfigureAwait(false);
            return;
        }

        call.Outcome = "completed";
        call.Usage = usage;
        await ServerSentEvents.WriteAsync(http.Response, null, Chunk(id, created, request.Options.ModelId, new JsonObject(), FinishReason(finish ?? ChatFinishReason.Stop)).ToJsonString(), ct).ConfigureAwait(false);
        if (request.IncludeUsage)
        {
            var last = Chunk(id, created, request.Options.ModelId, null, null);
            last["choices"] = new JsonArray();
            last["usage"] = Usage(usage);
            await ServerSentEvents.WriteAsync(http.Response, null, last.ToJsonString(), ct).ConfigureAwait(false);
        }

        await ServerSentEvents.WriteAsync(http.Response, null, "[DONE]", ct).ConfigureAwait(false);
    }

    // A model's refusal of the input itself (an image it cannot decode, a prompt longer than its context): a 400
    // in the model's words, never a 500.
    // Told in the client's field names: the engine's own (MaxNewTokens) mean nothing to an OpenAI client.
    private static string? Refusal(Exception ex, ChatCompletionRequest request) => ex switch
    {
        Core.Vision.InvalidImageException => "An image could not be decoded: " + ex.Message,
        Generation.Engine.ContextLengthExceededException => "The request does not fit the model's context: " + ex.Message,
        Generation.Engine.OutputBudgetException b => request.MaxTokensParam is { } sent
            ? $"'{sent}' is {b.MaxNewTokens}, too few for the response_format schema: its shortest answer needs {b.NeededTokens} tokens."
            : $"No 'max_tokens' was sent and the model's default, {b.MaxNewTokens}, is too few for the response_format schema: send max_tokens of at least {b.NeededTokens}.",
        Generation.Constraints.UnsupportedSchemaException => "response_format.json_schema.schema cannot be enforced by this model: " + ex.Message,
        Reasoning.Choice.CandidateChoiceRequestException => ex.Message,
        ArgumentException or FormatException or NotSupportedException => "The model cannot take this request: " + ex.Message,
        _ => null,
    };

    private static string? RefusalParam(Exception ex, ChatCompletionRequest request) => ex switch
    {
        Generation.Engine.ContextLengthExceededException => "messages",
        Core.Vision.InvalidImageException => "messages",
        Generation.Engine.OutputBudgetException => request.MaxTokensParam ?? "max_tokens",
        Generation.Constraints.UnsupportedSchemaException => "response_format.json_schema.schema",
        Reasoning.Choice.CandidateChoiceRequestException c => c.Field,
        _ => null,
    };

    private static string? RefusalCode(Exception ex) => ex switch
    {
        Generation.Engine.ContextLengthExceededException => "context_length_exceeded",
        Core.Vision.InvalidImageException => "invalid_image",
        _ => null,
    };

    private static JsonObject Chunk(string id, long created, string? model, JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static JsonObject Usage(UsageDetails? u) => new()
    {
        ["prompt_tokens"] = u?.InputTokenCount ?? 0,
        ["completion_tokens"] = u?.OutputTokenCount ?? 0,
        ["total_tokens"] = u?.TotalTokenCount ?? (u?.InputTokenCount ?? 0) + (u?.OutputTokenCount ?? 0),
    };

    private static string FinishReason(ChatFinishReason? reason) =>
        reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : reason == ChatFinishReason.ToolCalls ? "tool_calls"
        : "stop";

    /// <summary>What one request came to, for <see cref="ServerMetrics.RecordChat"/>: rejected until the model is called.</summary>
    private sealed class Call
    {
        public string Outcome = "rejected";
        public bool Stream;
        public UsageDetails? Usage;
    }
}
