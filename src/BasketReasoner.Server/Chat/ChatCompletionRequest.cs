using System.Text.Json;
using BasketReasoner.Server.Api;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Server.Chat;

/// <summary>
/// An OpenAI chat-completions request mapped to <see cref="ChatMessage"/>s and <see cref="ChatOptions"/>: roles,
/// text and <c>image_url</c> parts (data URLs of whole JPEG/PNG images only: the server never fetches a URL),
/// temperature, top_p, max_tokens / max_completion_tokens, stop, seed and response_format (text, json_schema).
/// Everything is checked here, before any model runs, against <see cref="ChatLimits"/>; a refusal names its parameter.
/// </summary>
internal sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage)
{
    /// <summary>
    /// Fields OpenAI's API takes that this server cannot honour: refused by name rather than ignored, since a client
    /// that sends them expects a behaviour (a tool call, log-probabilities) it would silently not get.
    /// </summary>
    private static readonly string[] Unsupported = ["tools", "tool_choice", "functions", "function_call", "top_logprobs"];

    /// <summary>
    /// The token budget's field as the client sent it (<c>max_completion_tokens</c> or <c>max_tokens</c>), or
    /// <c>null</c> when it sent neither and the model's default applies: refusals about the budget use the client's name.
    /// </summary>
    public string? MaxTokensParam { get; init; }

    /// <exception cref="ChatRequestException">A field has the wrong shape or is out of range (400), or the model is unknown (404).</exception>
    public static ChatCompletionRequest Parse(JsonElement root, string modelId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("The body must be a JSON object.");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw Bad("'messages' must be a non-empty array.", "messages");
        }

        if (messages.GetArrayLength() > ChatLimits.MaxMessages)
        {
            throw Bad($"'messages' holds {messages.GetArrayLength()} messages; at most {ChatLimits.MaxMessages} are accepted.", "messages");
        }

        if (root.TryGetProperty("model", out var model) && model.ValueKind != JsonValueKind.Null
            && (model.ValueKind != JsonValueKind.String || model.GetString() != modelId))
        {
            throw new ChatRequestException(404, $"The model '{(model.ValueKind == JsonValueKind.String ? model.GetString() : model.GetRawText())}' does not exist; this server serves '{modelId}'.", "model", "model_not_found");
        }

        if (root.TryGetProperty("n", out var n) && n.ValueKind != JsonValueKind.Null && (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out var count) || count != 1))
        {
            throw Bad("'n' must be 1: this server returns one choice per request.", "n");
        }

        foreach (var name in Unsupported)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null)
            {
                throw Bad($"'{name}' is not supported by this server (it does not call tools or return log-probabilities).", name);
            }
        }

        // logprobs: false is what OpenAI assumes anyway; only asking for them is refused.
        if (root.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind is not (JsonValueKind.Null or JsonValueKind.False))
        {
            throw Bad(logprobs.ValueKind == JsonValueKind.True
                ? "'logprobs' is not supported by this server: it does not return log-probabilities (send false or leave it out)."
                : "'logprobs' must be true or false; this server supports only false.", "logprobs");
        }

        // OpenAI's range. Checked so that a client's mistake is a 400 as there, though no backend here applies them
        // (the on-device model samples without these penalties): in range they change nothing.
        _ = Float(root, "frequency_penalty", -2, 2);
        _ = Float(root, "presence_penalty", -2, 2);

        var list = new List<ChatMessage>();
        var state = new Budget();
        var i = 0;
        foreach (var m in messages.EnumerateArray())
        {
            list.Add(Message(m, i++, state));
        }

        var temperature = Float(root, "temperature", 0, 2);
        var topP = Float(root, "top_p", 0, 1);
        if (topP == 0)
        {
            // OpenAI allows top_p 0 and clients send it meaning "the most likely token only": that is greedy decoding,
            // which temperature 0 asks of every backend; an empty nucleus (top_p 0 itself) is not a distribution.
            temperature = 0;
            topP = null;
        }

        var maxCompletion = Tokens(root, "max_completion_tokens");
        var maxTokens = Tokens(root, "max_tokens");
        var options = new ChatOptions
        {
            ModelId = modelId,
            Temperature = temperature,
            TopP = topP,
            MaxOutputTokens = maxCompletion ?? maxTokens,
            Seed = Seed(root),
            StopSequences = Stop(root),
            ResponseFormat = Format(root),
        };
        var stream = Bool(root, "stream");
        var includeUsage = false;
        if (root.TryGetProperty("stream_options", out var so) && so.ValueKind != JsonValueKind.Null)
        {
            if (so.ValueKind != JsonValueKind.Object)
            {
                throw Bad("'stream_options' must be an object.", "stream_options");
            }

            includeUsage = Bool(so, "include_usage");
        }

        return new ChatCompletionRequest(list, options, stream, includeUsage)
        {
            MaxTokensParam = maxCompletion is not null ? "max_completion_tokens" : maxTokens is not null ? "max_tokens" : null,
        };
    }

    private static ChatMessage Message(JsonElement m, int index, Budget budget)
    {
        var at = $"messages[{index}]";
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"{at} must be an object with 'role' and 'content'.", at);
        }

        var roleName = m.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var role = roleName switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            _ => throw Bad($"{at}.role must be system, developer, user, assistant or tool.", $"{at}.role"),
        };
        // OpenAI allows a null content only beside tool_calls, which this server refuses: a message without content
        // would reach the model as an empty turn the client never meant to send.
        if (!m.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            throw Bad($"{at}.content must be a string or an array of parts, not {(content.ValueKind == JsonValueKind.Null ? "null" : "missing")}.", $"{at}.content");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return new ChatMessage(role, Text(content.GetString()!, $"{at}.content", budget));
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Bad($"{at}.content must be a string or an array of parts.", $"{at}.content");
        }

        var parts = new List<AIContent>();
        var p = 0;
        foreach (var part in content.EnumerateArray())
        {
            var where = $"{at}.content[{p++}]";
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                    {
                        throw Bad($"{where}.text must be a string.", $"{where}.text");
                    }

                    parts.Add(new TextContent(Text(text.GetString()!, $"{where}.text", budget)));
                    break;
                case "image_url":
                    parts.Add(Image(part, where, budget));
                    break;
                default:
                    throw Bad($"{where}: content part type '{type}' is not supported (text, image_url).", $"{where}.type");
            }
        }

        return new ChatMessage(role, parts);
    }

    private static string Text(string text, string param, Budget budget)
    {
        if (text.Contains(ChatLimits.ImagePlaceholder, StringComparison.Ordinal))
        {
            throw Bad($"{param} contains '{ChatLimits.ImagePlaceholder}', the model's image placeholder; send images as image_url parts instead.", param);
        }

        budget.Chars += text.Length;
        if (budget.Chars > ChatLimits.MaxPromptChars)
        {
            throw new ChatRequestException(400, $"The messages hold more than {ChatLimits.MaxPromptChars} characters of text; shorten the prompt.", "messages", "context_length_exceeded");
        }

        return text;
    }

    private static DataContent Image(JsonElement part, string where, Budget budget)
    {
        var url = part.TryGetProperty("image_url", out var iu) && iu.ValueKind == JsonValueKind.Object && iu.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String
            ? u.GetString()!
            : throw Bad($"{where}.image_url.url must be a string (a data: URL).", $"{where}.image_url");
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            throw Bad($"{where}: image_url must be a data: URL; this server does not fetch URLs.", $"{where}.image_url");
        }

        if (++budget.Images > ChatLimits.MaxImages)
        {
            throw Bad($"At most {ChatLimits.MaxImages} images per request.", where);
        }

        DataContent data;
        try
        {
            data = new DataContent(url);
            _ = data.Data.Length;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Bad($"{where}: the data URL is malformed (expected data:image/jpeg;base64,...).", $"{where}.image_url");
        }

        if (data.MediaType is not ("image/jpeg" or "image/jpg"))
        {
            throw Bad($"{where}: images must be image/jpeg, not '{data.MediaType}'.", $"{where}.image_url");
        }

        if (data.Data.Length > 8 << 20)
        {
            throw Bad($"{where}: the image is larger than 8 MiB.", $"{where}.image_url");
        }

        if (JpegCheck.Problem(data.Data.Span) is { } problem)
        {
            throw Bad($"{where}: the image {problem}.", $"{where}.image_url");
        }

        return data;
    }

    private static float? Float(JsonElement root, string name, float min, float max)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d < min || d > max)
        {
            throw Bad($"'{name}' must be a number from {min} to {max}.", name);
        }

        return (float)d;
    }

    private static int? Tokens(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var tokens) || tokens < 1 || tokens > ChatLimits.MaxOutputTokens)
        {
            throw Bad($"'{name}' must be a whole number from 1 to {ChatLimits.MaxOutputTokens}.", name);
        }

        return (int)tokens;
    }

    private static long? Seed(JsonElement root)
    {
        if (!root.TryGetProperty("seed", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var seed) ? seed : throw Bad("'seed' must be a whole number.", "seed");
    }

    private static bool Bool(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) ? false : v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw Bad($"'{name}' must be true or false.", name),
        };

    private static List<string>? Stop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var list = stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array when stop.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => stop.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw Bad("'stop' must be a string or an array of strings.", "stop"),
        };
        return list.Count <= 4 && list.All(s => s.Length is > 0 and <= 64) ? list : throw Bad("'stop' holds at most 4 sequences of 1 to 64 characters.", "stop");
    }

    private static ChatResponseFormat? Format(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var rf) || rf.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = rf.ValueKind == JsonValueKind.Object && rf.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_schema":
                if (!rf.TryGetProperty("json_schema", out var js) || js.ValueKind != JsonValueKind.Object
                    || !js.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    throw Bad("response_format.json_schema.schema must be a JSON schema object.", "response_format.json_schema");
                }

                var name = js.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var description = js.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return ChatResponseFormat.ForJsonSchema(schema.Clone(), name, description);
            case "json_object":
                throw Bad("response_format 'json_object' is not supported: the on-device model cannot guarantee free-form JSON; send 'json_schema' with a schema instead.", "response_format");
            default:
                throw Bad($"response_format.type '{type}' is not supported (text, json_schema).", "response_format.type");
        }
    }

    private static ChatRequestException Bad(string message, string? param = null) => new(400, message, param);

    private sealed class Budget
    {
        public int Chars;
        public int Images;
    }
}
