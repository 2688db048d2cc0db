using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Serialization;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// How a candidate choice travels over a chat API. The asking side (<see cref="ChatCandidateChooser"/>) sends the
/// rendered prompt for the model, the frames as images, the request itself as one JSON text part
/// <c>{"candidate_choice_request": {"type", "weight_delta_g", "candidates": [{"product_id", "name", "prior"}]}}</c>,
/// and the answer schema (named <see cref="SchemaName"/>) as the response format. The serving side
/// (<see cref="ChoosingChatClient"/>) reads that JSON part back: type, weight and priors arrive as sent, nothing is
/// parsed out of prose. The answer is <c>{"product_id", "confidence"}</c> either way.
/// </summary>
public static class CandidateChoiceMessage
{
    /// <summary>The response format's schema name.</summary>
    public const string SchemaName = "candidate_choice";

    /// <summary>The JSON part's one property.</summary>
    public const string RequestProperty = "candidate_choice_request";

    // A key given twice ({"product_id": "A", "product_id": "B"}) has no one meaning; the answer is refused, not read with either.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The request (without its images) as the JSON text part.</summary>
    public static string RequestJson(ChoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = new JsonArray();
        foreach (var c in request.Candidates)
        {
            candidates.Add(new JsonObject { ["product_id"] = c.ProductId, ["name"] = c.DisplayName, ["prior"] = c.FusionPosterior });
        }

        return new JsonObject
        {
            [RequestProperty] = new JsonObject
            {
                ["type"] = request.Type == CartEventType.Add ? "add" : "remove",
                ["weight_delta_g"] = request.WeightDeltaGrams,
                ["candidates"] = candidates,
            },
        }.ToJsonString();
    }

    private static HashSet<string>? EnumOf(ChatResponseFormat? format) =>
        format is ChatResponseFormatJson { Schema: { } schema }
        && schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
        && props.TryGetProperty("product_id", out var pid) && pid.ValueKind == JsonValueKind.Object
        && pid.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>
    /// The structured request in <paramref name="messages"/>, when <paramref name="options"/> asks for the
    /// <see cref="SchemaName"/> answer, one text part is the request JSON and at least one image came along; else <c>null</c>.
    /// </summary>
    /// <exception cref="CandidateChoiceRequestException">The request JSON is there but malformed (fewer than two candidates, a bad type, a field of the wrong kind); the message names the field.</exception>
    public static ChoiceRequest? TryRead(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson { SchemaName: SchemaName })
        {
            return null;
        }

        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var json = list.SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text?.Trim())
            .FirstOrDefault(t => t is not null && t.StartsWith('{') && t.Contains(RequestProperty, StringComparison.Ordinal));
        var images = list.SelectMany(m => m.Contents).OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).Select(d => d.Data).ToArray();
        if (json is null || images.Length == 0)
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException ex)
        {
            // JsonDocument names a repeated key only in its message ("Duplicate property 'x' ..."); anything else is
            // text that is not JSON at all.
            throw ex.Message.Contains("Duplicate property", StringComparison.Ordinal) && JsonMessages.Quoted(ex.Message) is { } twice
                ? new CandidateChoiceRequestException(RequestProperty, $"{RequestProperty}: '{twice}' appears twice; send each field once.")
                : new CandidateChoiceRequestException(RequestProperty, $"{RequestProperty}: the text part is not well-formed JSON.");
        }

        using (doc)
        {
            return Read(doc.RootElement, options, images);
        }
    }

    // Field by field, each failure naming its JSON path and what it must be: System.Text.Json's own messages
    // ("requires an element of type 'String'") name .NET types and no field.
    private static ChoiceRequest Read(JsonElement root, ChatOptions options, ReadOnlyMemory<byte>[] images)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(RequestProperty, out var r) || r.ValueKind != JsonValueKind.Object)
        {
            throw Bad(RequestProperty, "must be an object with type, weight_delta_g and candidates");
        }

        var typeName = r.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var type = typeName switch
        {
            "add" => CartEventType.Add,
            "remove" => CartEventType.Remove,
            _ => throw Bad($"{RequestProperty}.type", "must be \"add\" or \"remove\"", t),
        };

        double? weight = null;
        if (r.TryGetProperty("weight_delta_g", out var w) && w.ValueKind != JsonValueKind.Null)
        {
            // Before, a weight that was not a number ("heavy") was read as no weight at all, and the choice made without it.
            weight = w.ValueKind == JsonValueKind.Number && w.TryGetDouble(out var grams) && double.IsFinite(grams)
                ? grams
                : throw Bad($"{RequestProperty}.weight_delta_g", "must be a number of grams or null", w);
        }

        if (!r.TryGetProperty("candidates", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Bad($"{RequestProperty}.candidates", "must be an array of {product_id, name, prior}", list);
        }

        var candidates = new List<ChoiceCandidate>(list.GetArrayLength());
        var i = 0;
        foreach (var c in list.EnumerateArray())
        {
            var at = $"{RequestProperty}.candidates[{i++}]";
            if (c.ValueKind != JsonValueKind.Object)
            {
                throw Bad(at, "must be an object with product_id, name and prior", c);
            }

            var id = c.TryGetProperty("product_id", out var pid) && pid.ValueKind == JsonValueKind.String ? pid.GetString() : null;
            if (string.IsNullOrEmpty(id))
            {
                throw Bad($"{at}.product_id", "must be a non-empty string", pid);
            }

            string? name = null;
            if (c.TryGetProperty("name", out var n) && n.ValueKind != JsonValueKind.Null)
            {
                name = n.ValueKind == JsonValueKind.String ? n.GetString() : throw Bad($"{at}.name", "must be a string or null", n);
            }

            var prior = 0.0;
            if (c.TryGetProperty("prior", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                prior = p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var d) && double.IsFinite(d)
                    ? d
                    : throw Bad($"{at}.prior", "must be a number or null", p);
            }

            candidates.Add(new ChoiceCandidate(id, name is { Length: > 0 } ? name : id, prior));
        }

        // A candidate listed twice would be scored twice: forty copies of a wrong one outvoted the right one.
        if (candidates.GroupBy(c => c.ProductId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CandidateChoiceRequestException($"{RequestProperty}.candidates", $"{RequestProperty}.candidates lists '{twice.Key}' more than once.");
        }

        if (candidates.Count < 2)
        {
            throw new CandidateChoiceRequestException($"{RequestProperty}.candidates", $"{RequestProperty}.candidates needs at least two candidates, got {candidates.Count}.");
        }

        // The answer's schema must let exactly the candidates through: a product_id enum that differs would have
        // the answer leave the schema the caller asked for.
        if (EnumOf(options.ResponseFormat) is { } allowed && !allowed.SetEquals(candidates.Select(c => c.ProductId)))
        {
            throw new CandidateChoiceRequestException("response_format.json_schema.schema.properties.product_id.enum",
                "the response schema's product_id enum must list exactly the candidates' product_id values.");
        }

        return new ChoiceRequest(type, images, weight, candidates);
    }

    private static CandidateChoiceRequestException Bad(string field, string rule, JsonElement value = default) =>
        new(field, $"{field} {rule}, not {Shown(value)}.");

    // The value as the client wrote it, cut short; "missing" when the field is absent.
    private static string Shown(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return "missing";
        }

        var raw = value.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }


    /// <summary>The answer JSON for <paramref name="choice"/>.</summary>
    public static string AnswerJson(CandidateChoice choice) =>
        new JsonObject { ["product_id"] = choice.ProductId, ["confidence"] = Math.Round(choice.Probability, 6) }.ToJsonString();

    /// <summary>Reads a model's answer into a choice over <paramref name="request"/>'s candidates.</summary>
    /// <exception cref="UnparsableChoiceException">Not the schema's JSON (a key given twice included), an id that is not a candidate, or a confidence outside [0, 1].</exception>
    public static CandidateChoice ParseAnswer(string? text, ChoiceRequest request, int inputTokens, int outputTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? id;
        double confidence;
        try
        {
            using var doc = JsonDocument.Parse(StripFence(text ?? ""), Strict);
            id = doc.RootElement.GetProperty("product_id").GetString();
            confidence = doc.RootElement.GetProperty("confidence").GetDouble();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UnparsableChoiceException("the answer is not the candidate_choice JSON", text ?? "", inputTokens, outputTokens);
        }

        if (id is null || !request.Candidates.Any(c => c.ProductId == id))
        {
            throw new UnparsableChoiceException($"the answer chose '{id}', which is not a candidate", text ?? "", inputTokens, outputTokens);
        }

        if (!double.IsFinite(confidence) || confidence is < 0 or > 1)
        {
            throw new UnparsableChoiceException(
                string.Create(CultureInfo.InvariantCulture, $"the answer's confidence {confidence} is not in [0, 1]"), text ?? "", inputTokens, outputTokens);
        }

        // The model states one probability; the rest of the mass is spread evenly over the other candidates.
        var rest = (1 - confidence) / (request.Candidates.Count - 1);
        var probs = request.Candidates.ToDictionary(c => c.ProductId, c => c.ProductId == id ? confidence : rest, StringComparer.Ordinal);
        return new CandidateChoice(id, confidence, probs, inputTokens, outputTokens);
    }

    private static string StripFence(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("```", StringComparison.Ordinal))
        {
            var first = t.IndexOf('\n');
            var last = t.LastIndexOf("```", StringComparison.Ordinal);
            if (first > 0 && last > first)
            {
                t = t[(first + 1)..last];
            }
        }

        return t;
    }
}
