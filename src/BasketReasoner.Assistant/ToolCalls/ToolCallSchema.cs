using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.ToolCalls;

/// <summary>
/// The tool-call JSON schema for one question: <c>tool</c> is one of <see cref="Tools"/>, and each of <c>products</c>
/// one of the question's word runs (<see cref="Spans"/>), so a constrained decoder can only name what the question
/// says. The word rule is the training script's (<c>models/training/toolcall/train_toolcall.py</c>, <c>mention_spans</c>).
/// </summary>
public static partial class ToolCallSchema
{
    /// <summary>Longest mention, in words. The training data's spans fit in it.</summary>
    public const int MaxSpanWords = 6;

    /// <summary>Most spans a question offers: the on-device engine's enum limit. Shorter spans come first, so a long question loses its longest ones.</summary>
    public const int MaxSpans = 64;

    /// <summary>Most mentions one call passes.</summary>
    public const int MaxProducts = 3;

    private static readonly (string Name, QuestionIntent Intent)[] s_tools =
    [
        ("total", QuestionIntent.Total), ("list_basket", QuestionIntent.ListBasket), ("count_units", QuestionIntent.CountUnits),
        ("count_lines", QuestionIntent.CountLines), ("basket_weight", QuestionIntent.BasketWeight), ("unit_weight", QuestionIntent.UnitWeight),
        ("volume", QuestionIntent.Volume), ("allergens", QuestionIntent.Allergens), ("ingredients", QuestionIntent.Ingredients),
        ("organic", QuestionIntent.Organic), ("lactose_free", QuestionIntent.LactoseFree), ("plant_based", QuestionIntent.PlantBased),
        ("fat", QuestionIntent.Fat), ("flavour", QuestionIntent.Flavour), ("origin", QuestionIntent.Origin), ("price", QuestionIntent.Price),
        ("compare", QuestionIntent.Compare), ("cheaper_alternatives", QuestionIntent.CheaperAlternatives), ("describe", QuestionIntent.Describe),
        ("have_item", QuestionIntent.HaveItem), ("unknown_fact", QuestionIntent.UnknownFact), ("out_of_scope", QuestionIntent.OutOfScope),
        ("basket_change", QuestionIntent.BasketChange), ("none", QuestionIntent.None),
    ];

    /// <summary>Every tool name, in the order the model was trained with.</summary>
    public static IReadOnlyList<string> Tools { get; } = s_tools.Select(t => t.Name).ToArray();

    /// <summary>The intent a tool name stands for.</summary>
    /// <exception cref="ArgumentException">Not a tool name.</exception>
    public static QuestionIntent IntentOf(string tool)
    {
        foreach (var (name, intent) in s_tools)
        {
            if (string.Equals(name, tool, StringComparison.Ordinal))
            {
                return intent;
            }
        }

        throw new ArgumentException($"'{tool}' is not a tool ({string.Join(", ", Tools)}).", nameof(tool));
    }

    /// <summary>Whether <paramref name="tool"/> is a tool name.</summary>
    public static bool IsTool(string tool) => s_tools.Any(t => string.Equals(t.Name, tool, StringComparison.Ordinal));

    [GeneratedRegex(@"^[^\w%]+|[^\w%]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Edge();

    /// <summary>The question's words: split at white space, punctuation trimmed from each end (inner hyphens and % kept).</summary>
    public static IReadOnlyList<string> Words(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = new List<string>();
        foreach (var raw in question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var w = Edge().Replace(raw, string.Empty);
            if (w.Length > 0)
            {
                words.Add(w);
            }
        }

        return words;
    }

    /// <summary>
    /// Every run of 1..<see cref="MaxSpanWords"/> consecutive words, joined by one space, without repeats, shortest first,
    /// at most <see cref="MaxSpans"/>.
    /// </summary>
    public static IReadOnlyList<string> Spans(string question)
    {
        var words = Words(question);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var spans = new List<string>();
        for (var n = 1; n <= MaxSpanWords; n++)
        {
            for (var i = 0; i + n <= words.Count; i++)
            {
                var span = string.Join(' ', words.Skip(i).Take(n));
                if (seen.Add(span))
                {
                    spans.Add(span);
                    if (spans.Count == MaxSpans)
                    {
                        return spans;
                    }
                }
            }
        }

        return spans;
    }

    /// <summary>The schema for <paramref name="question"/>'s call.</summary>
    public static JsonElement For(string question)
    {
        var spans = Spans(question);
        // A question without words ("?", emoji) still needs items for the engine's compiler; maxItems 0 keeps the list empty.
        var items = spans.Count == 0
            ? new JsonObject { ["type"] = "string" }
            : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(spans.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()) };
        var products = new JsonObject { ["type"] = "array", ["items"] = items, ["maxItems"] = spans.Count == 0 ? 0 : MaxProducts };

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["tool"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Tools.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
                ["products"] = products,
            },
            ["required"] = new JsonArray("tool", "products"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>
    /// Parses and checks a call against <paramref name="question"/>'s schema: one known tool, at most
    /// <see cref="MaxProducts"/> mentions, each one of the question's spans. Any other text is rejected with the reason.
    /// </summary>
    public static ToolCall Parse(string json, string question)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidToolCallException($"not JSON ({ex.Message})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidToolCallException("not a JSON object");
            }

            if (!root.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String || !IsTool(tool.GetString()!))
            {
                throw new InvalidToolCallException("no known tool");
            }

            var products = new List<string>();
            if (root.TryGetProperty("products", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidToolCallException("products is not a list");
                }

                var spans = Spans(question).ToHashSet(StringComparer.Ordinal);
                foreach (var p in list.EnumerateArray())
                {
                    if (p.ValueKind != JsonValueKind.String || !spans.Contains(p.GetString()!))
                    {
                        throw new InvalidToolCallException("a product that is not the question's words");
                    }

                    products.Add(p.GetString()!);
                }

                if (products.Count > MaxProducts)
                {
                    throw new InvalidToolCallException($"more than {MaxProducts} products");
                }
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("tool" or "products"))
                {
                    throw new InvalidToolCallException($"unknown argument '{property.Name}'");
                }
            }

            return new ToolCall(tool.GetString()!, products);
        }
    }
}
