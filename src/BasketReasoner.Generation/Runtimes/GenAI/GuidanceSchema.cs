using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BasketReasoner.Generation.Runtimes.GenAI;

/// <summary>
/// Prepares a JSON schema for GenAI's guidance (llguidance) so that its output is bounded, and computes that bound.
/// Guidance keeps every output inside the schema but cannot plan for a token budget (the engine's automaton can), so
/// an output cut by max tokens would be invalid JSON. Here every value gets a finite longest form, narrowing the
/// schema only where it left things open (outputs stay valid against the original): integers and numbers without
/// bounds get ±(10^15 − 1), numbers without <c>multipleOf</c> get 0.000001 (llguidance otherwise writes fractions of
/// any length), objects without <c>additionalProperties</c> get <c>false</c> (only declared properties, as the engine
/// writes), and whitespace is compact. A number range entirely below zero is refused (see VisitType). Strings need <c>maxLength</c> and arrays <c>maxItems</c>. The caller then
/// asks for a token budget of at least the longest output in bytes (every token is at least one byte) plus the end
/// token, so invalid output cannot happen.
/// </summary>
internal static class GuidanceSchema
{
    private const decimal Limit = 999_999_999_999_999m;
    private const decimal DefaultMultipleOf = 0.000001m;
    // a string character written as a \uXXXX escape is 6 bytes, more than any raw UTF-8 form
    private const int BytesPerChar = 6;

    private static readonly string[] s_unsupported = ["$ref", "allOf", "oneOf", "not", "if", "then", "else", "patternProperties", "prefixItems", "dependentSchemas", "uniqueItems", "format"];

    /// <returns>The schema to hand to SetGuidance, and the most bytes its output can take.</returns>
    /// <exception cref="ArgumentException">Not JSON, or a part with no longest form (string without maxLength, ...).</exception>
    /// <exception cref="NotSupportedException">A keyword this preparation does not bound.</exception>
    public static (string Schema, int MaxBytes) Prepare(string schemaJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(schemaJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The JSON schema is not valid JSON: {e.Message}", nameof(schemaJson), e);
        }

        if (root is not JsonObject o) throw new NotSupportedException("The JSON schema's root is not an object.");
        int bytes = Visit(o, "#");
        o["x-guidance"] ??= new JsonObject { ["whitespace_flexible"] = false };
        return (o.ToJsonString(), bytes);
    }

    private static int Visit(JsonNode? node, string path)
    {
        if (node is not JsonObject s) throw new NotSupportedException($"Schema at {path} is not an object.");
        foreach (var keyword in s_unsupported)
        {
            if (s.ContainsKey(keyword)) throw new NotSupportedException($"Native guidance: schema keyword '{keyword}' at {path} is not supported.");
        }

        if (s.TryGetPropertyValue("const", out var constant)) return Compact(constant);
        if (s["enum"] is JsonArray values)
        {
            if (values.Count == 0) throw new NotSupportedException($"'enum' at {path} is empty.");
            return values.Max(Compact);
        }

        if (s["anyOf"] is JsonArray any) return any.Select((b, i) => Visit(b, $"{path}/anyOf/{i}")).DefaultIfEmpty(0).Max();
        var types = s["type"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var t) => [t],
            JsonArray a => a.Select(t => t?.GetValue<string>() ?? "").ToArray(),
            _ => throw new NotSupportedException($"Schema at {path} needs 'type' (or 'enum'/'const'/'anyOf')."),
        };
        return types.Max(t => VisitType(s, t, path));
    }

    private static int VisitType(JsonObject s, string type, string path)
    {
        switch (type)
        {
            case "string":
                // Characters of the Basic Multilingual Plane only: guidance counts maxLength in code points, .NET
                // (and NJsonSchema) in UTF-16 units, so one astral character would read as two and overflow it.
                s["pattern"] ??= "^[\\u0000-\\uFFFF]*$";
                return 2 + BytesPerChar * Count(s, "maxLength", path, "a string");
            case "integer":
            case "number":
            {
                decimal? low = Bound(s, "minimum", path), high = Bound(s, "maximum", path);
                if (low > Limit || high < -Limit)
                {
                    throw new NotSupportedException($"'{(low > Limit ? "minimum" : "maximum")}' at {path} is out of range: native guidance bounds numbers to ±(10^15−1).");
                }

                decimal min = Math.Max(low ?? -Limit, -Limit), max = Math.Min(high ?? Limit, Limit);
                if (min > max) throw new NotSupportedException($"minimum > maximum at {path}.");
                s["minimum"] = JsonValue.Create(min);
                s["maximum"] = JsonValue.Create(max);
                decimal magnitude = Math.Max(Math.Abs(decimal.Floor(min)), Math.Abs(decimal.Ceiling(max)));
                int digits = magnitude.ToString("0", CultureInfo.InvariantCulture).Length + (min < 0 ? 1 : 0);
                if (type == "integer") return Math.Max(digits, 2); // "-0"
                if (max < 0)
                {
                    // measured: GenAI 0.20's guidance admits no value at all for a negative range with multipleOf (it
                    // ends at once), and without multipleOf it writes fractions of any length
                    throw new NotSupportedException($"Native guidance cannot bound the all-negative number range at {path} (ONNX Runtime GenAI 0.20 writes nothing for it); use the engine's constraint.");
                }

                var step = Bound(s, "multipleOf", path) ?? DefaultMultipleOf;
                if (step <= 0) throw new NotSupportedException($"'multipleOf' at {path} must be positive.");
                s["multipleOf"] = JsonValue.Create(step);
                int decimals = (step / 1.000000000000000000000000000000000m).Scale;
                return Math.Max(digits, 2) + (decimals > 0 ? 1 + decimals : 0);
            }

            case "boolean":
                return 5;
            case "null":
                return 4;
            case "object":
            {
                if (!s.TryGetPropertyValue("additionalProperties", out var extra)) s["additionalProperties"] = false;
                else if (extra is not JsonValue v || !v.TryGetValue<bool>(out var allowed) || allowed)
                {
                    throw new ArgumentException($"The object at {path} allows additional properties, which have no longest form; set additionalProperties to false for native guidance.");
                }

                int total = 2, count = 0;
                if (s["properties"] is JsonObject props)
                {
                    foreach (var (name, schema) in props)
                    {
                        total += JsonSerializer.Serialize(name).Length + 1 + Visit(schema, $"{path}/properties/{name}");
                        count++;
                    }
                }

                return total + Math.Max(0, count - 1);
            }

            case "array":
            {
                int maxItems = Count(s, "maxItems", path, "an array");
                int item = maxItems == 0 ? 0 : Visit(s["items"] ?? throw new ArgumentException($"The array at {path} has no 'items'; its items have no longest form."), path + "/items");
                return 2 + maxItems * item + Math.Max(0, maxItems - 1);
            }

            default:
                throw new NotSupportedException($"Type '{type}' at {path} is not supported.");
        }
    }

    private static int Count(JsonObject s, string keyword, string path, string what) =>
        s[keyword] is JsonValue v && v.TryGetValue<int>(out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} at {path} has no '{keyword}'; native guidance needs it to bound the output (or use the engine's constraint).");

    private static decimal? Bound(JsonObject s, string keyword, string path)
    {
        if (!s.TryGetPropertyValue(keyword, out var node)) return null;
        if (node is JsonValue v && v.TryGetValue<decimal>(out var d)) return d;
        if (node is JsonValue w && w.GetValueKind() == JsonValueKind.Number)
        {
            // A number beyond decimal's range (1e300) is still a number: it stands for "beyond any limit" on its side,
            // clamped below like any bound past ±(10^15−1), or refused there when nothing is left in range.
            return decimal.TryParse(w.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p
                : w.TryGetValue<double>(out var big) && double.IsFinite(big) ? (big > 0 ? decimal.MaxValue : decimal.MinValue)
                : throw new NotSupportedException($"'{keyword}' at {path} must be a number.");
        }

        throw new NotSupportedException($"'{keyword}' at {path} must be a number.");
    }

    private static int Compact(JsonNode? value) => value is null ? 4 : value.ToJsonString().Length;
}
