using System.Text.Json;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Server.Chat;

/// <summary>
/// An OpenAI chat-completions request mapped to <see cref="ChatMessage"/>s and <see cref="ChatOptions"/>: roles,
/// text and <c>image_url</c> parts (data URLs only: the server never fetches a URL), temperature, top_p,
/// max_tokens / max_completion_tokens, stop, seed and response_format (text, json_object, json_schema).
/// </summary>
internal sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage)
{
    /// <exception cref="FormatException">A field has the wrong shape; the message names it.</exception>
    public static ChatCompletionRequest Parse(JsonElement root, string defaultModel)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The body must be a JSON object.");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new FormatException("'messages' must be a non-empty array.");
        }

        var list = new List<ChatMessage>();
        var i = 0;
        foreach (var m in messages.EnumerateArray())
        {
            list.Add(Message(m, i++));
        }

        var options = new ChatOptions
        {
            ModelId = root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : defaultModel,
            Temperature = Float(root, "temperature"),
            TopP = Float(root, "top_p"),
            MaxOutputTokens = Int(root, "max_completion_tokens") ?? Int(root, "max_tokens"),
            Seed = root.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number ? seed.GetInt64() : null,
            StopSequences = Stop(root),
            ResponseFormat = Format(root),
        };
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        return new ChatCompletionRequest(list, options, stream, includeUsage);
    }

    private static ChatMessage Message(JsonElement m, int index)
    {
        var roleName = m.TryGetProperty("role", out var r) ? r.GetString() : null;
        var role = roleName switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            _ => throw new FormatException($"messages[{index}].role must be system, developer, user, assistant or tool."),
        };
        if (!m.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return new ChatMessage(role, string.Empty);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return new ChatMessage(role, content.GetString());
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"messages[{index}].content must be a string or an array of parts.");
        }

        var parts = new List<AIContent>();
        foreach (var part in content.EnumerateArray())
        {
            var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    parts.Add(new TextContent(part.GetProperty("text").GetString()));
                    break;
                case "image_url":
                    var url = part.GetProperty("image_url").GetProperty("url").GetString() ?? "";
                    if (!url.StartsWith("data:", StringComparison.Ordinal))
                    {
                        throw new FormatException($"messages[{index}]: image_url must be a data: URL; this server does not fetch URLs.");
                    }

                    parts.Add(new DataContent(url));
                    break;
                default:
                    throw new FormatException($"messages[{index}]: content part type '{type}' is not supported (text, image_url).");
            }
        }

        return new ChatMessage(role, parts);
    }

    private static float? Float(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : null;

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static List<string>? Stop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop))
        {
            return null;
        }

        return stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array => stop.EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
            JsonValueKind.Null => null,
            _ => throw new FormatException("'stop' must be a string or an array of strings."),
        };
    }

    private static ChatResponseFormat? Format(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var rf) || rf.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = rf.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                var js = rf.GetProperty("json_schema");
                var name = js.TryGetProperty("name", out var n) ? n.GetString() : null;
                var description = js.TryGetProperty("description", out var d) ? d.GetString() : null;
                return ChatResponseFormat.ForJsonSchema(js.GetProperty("schema").Clone(), name, description);
            default:
                throw new FormatException($"response_format.type '{type}' is not supported (text, json_object, json_schema).");
        }
    }
}
