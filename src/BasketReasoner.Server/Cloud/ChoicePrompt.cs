using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Server.Cloud;

/// <summary>
/// The constrained-choice prompt the cloud stage sends, and the JSON answer it expects: <c>{"product_id": one of the
/// candidate ids, "confidence": 0..1}</c>, enforced by a JSON schema whose <c>product_id</c> is an enum of the
/// candidates. The same schema lets a backend read the candidate ids without parsing prose.
/// </summary>
internal static class ChoicePrompt
{
    public const string SchemaName = "candidate_choice";

    public const string System =
        "You identify the grocery product in a shopping cart's camera frame. Answer only with JSON matching the schema: " +
        "the id of exactly one listed candidate and your confidence (0 to 1) that it is correct.";

    public static string UserText(ChoiceRequest request)
    {
        var sb = new StringBuilder();
        sb.Append(request.Type == CartEventType.Add ? "An item was put into the cart." : "An item was taken out of the cart.");
        if (request.WeightDeltaGrams is { } w)
        {
            sb.Append(CultureInfo.InvariantCulture, $" The scale measured {w:F0} g.");
        }

        sb.Append(" Candidates (id: name):\n");
        foreach (var c in request.Candidates)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- {c.ProductId}: {c.DisplayName}\n");
        }

        sb.Append("Which candidate is it?");
        return sb.ToString();
    }

    public static JsonObject Schema(IEnumerable<string> candidateIds) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["product_id"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(candidateIds.Select(id => (JsonNode)id).ToArray()) },
            ["confidence"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 },
        },
        ["required"] = new JsonArray("product_id", "confidence"),
        ["additionalProperties"] = false,
    };

    /// <summary>The candidate ids a <see cref="Schema"/> lists, or <c>null</c> when the schema is not one of ours.</summary>
    public static IReadOnlyList<string>? CandidateIds(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out var props)
            && props.TryGetProperty("product_id", out var pid)
            && pid.TryGetProperty("enum", out var values)
            && values.ValueKind == JsonValueKind.Array)
        {
            return values.EnumerateArray().Select(v => v.GetString() ?? "").Where(v => v.Length > 0).ToArray();
        }

        return null;
    }

    /// <summary>Reads the model's answer into a choice over <paramref name="request"/>'s candidates.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or the id is not a candidate, or the confidence is not in [0, 1].</exception>
    public static CandidateChoice Parse(string? text, ChoiceRequest request, int inputTokens, int outputTokens)
    {
        string? id;
        double confidence;
        try
        {
            using var doc = JsonDocument.Parse(StripFence(text ?? ""));
            id = doc.RootElement.GetProperty("product_id").GetString();
            confidence = doc.RootElement.GetProperty("confidence").GetDouble();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The model's answer is not the expected JSON: {Shorten(text)}", ex);
        }

        if (id is null || !request.Candidates.Any(c => c.ProductId == id))
        {
            throw new InvalidDataException($"The model chose '{id}', which is not a candidate.");
        }

        if (!double.IsFinite(confidence) || confidence is < 0 or > 1)
        {
            throw new InvalidDataException($"The model's confidence {confidence} is not in [0, 1].");
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

    private static string Shorten(string? s) => s is null ? "(none)" : s.Length <= 120 ? s : s[..120] + "…";
}
