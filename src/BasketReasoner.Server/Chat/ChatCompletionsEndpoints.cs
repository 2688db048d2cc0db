using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Security;
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
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", (HttpContext http, CartKeys keys, CartServerOptions options, ChatBackend backend, TimeProvider time) =>
            !keys.CheckChat(http.Request) ? Problems.Of(401, "Send a chat API key as 'Authorization: Bearer KEY'.")
            : Results.Json(new
            {
                @object = "list",
                data = backend.Client is null ? [] : new[] { new { id = options.ModelId, @object = "model", created = time.GetUtcNow().ToUnixTimeSeconds(), owned_by = "basket-reasoner" } },
            }));
        app.MapPost("/v1/chat/completions", CompleteAsync);
    }

    private static async Task CompleteAsync(HttpContext http, CartKeys keys, CartServerOptions options, ChatBackend backend, TimeProvider time)
    {
        if (!keys.CheckChat(http.Request))
        {
            await Problems.Of(401, "Send a chat API key as 'Authorization: Bearer KEY'.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (backend.Client is not { } client)
        {
            await Problems.Of(503, "No chat model is installed on this server.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        ChatCompletionRequest request;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            request = ChatCompletionRequest.Parse(doc.RootElement, options.ModelId);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            await Problems.Of(400, ex.Message).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await Problems.Of(ex.StatusCode, ex.Message).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var ct = http.RequestAborted;
        if (!request.Stream)
        {
            var response = await client.GetResponseAsync(request.Messages, request.Options, ct).ConfigureAwait(false);
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

        ServerSentEvents.Start(http.Response);
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        var first = true;
        await foreach (var update in client.GetStreamingResponseAsync(request.Messages, request.Options, ct).ConfigureAwait(false))
        {
            finish = update.FinishReason ?? finish;
            usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
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
}
