using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// Compiles a JSON schema into a GBNF grammar (llama.cpp's grammar format) whose language is JSON that validates
/// against the schema: <c>type</c> object / array / string / integer / number / boolean / null, <c>properties</c>,
/// <c>required</c>, <c>enum</c>, <c>const</c>, <c>items</c> with <c>minItems</c>/<c>maxItems</c>, string
/// <c>minLength</c>/<c>maxLength</c>, and <c>minimum</c>/<c>maximum</c> (also <c>exclusive…</c>) on integers as an
/// exact digit-bounded grammar. On numbers the bounds must be integers with minimum ≥ 0 (e.g. a confidence in
/// [0, 1]), where the grammar is exact too; anything else is rejected, never approximated. Like the shared automaton
/// (<see cref="JsonSchemaCompiler"/>), objects carry every declared property in declaration order (which satisfies
/// <c>required</c>), at most one space goes before a value, strings have no <c>\u</c> escapes and numbers at most 15
/// digits per part. Unlike the automaton, string characters are printable ASCII (see the <c>char</c> rule).
/// Unsupported keywords throw <see cref="NotSupportedException"/>.
/// </summary>
internal static class JsonSchemaGbnf
{
    private const string Digits15 = "[0-9]{0,14}";

    private static readonly string[] s_unsupported =
        ["anyOf", "oneOf", "allOf", "not", "$ref", "pattern", "patternProperties", "if", "then", "else", "prefixItems", "dependentSchemas", "multipleOf", "uniqueItems", "format"];

    private static readonly JsonSerializerOptions s_literalJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Compile(string schemaJson)
    {
        using var doc = JsonDocument.Parse(schemaJson);
        var rules = new List<string>();
        var root = Node(doc.RootElement, rules, "#", 0);
        var sb = new StringBuilder();
        sb.Append("root ::= ").Append(root).Append('\n');
        foreach (var r in rules) sb.Append(r).Append('\n');
        // Printable ASCII only: llama.cpp's grammar matches tokens holding part of a multi-byte character leniently,
        // so a string could decode longer than its maxLength (U+FFFD per broken byte); one byte per character cannot.
        sb.Append("char ::= [\\x20\\x21\\x23-\\x5B\\x5D-\\x7E] | \"\\\\\" [\"\\\\/bfnrt]\n");
        return sb.ToString();
    }

    private static string Rule(List<string> rules, string body)
    {
        var name = "r" + rules.Count.ToString(CultureInfo.InvariantCulture);
        rules.Add($"{name} ::= {body}");
        return name;
    }

    private static string Node(JsonElement s, List<string> rules, string path, int depth)
    {
        if (depth > 32) throw new NotSupportedException($"Schema at {path} nests deeper than 32 levels.");
        if (s.ValueKind != JsonValueKind.Object) throw new NotSupportedException($"Schema at {path} is not an object.");
        foreach (var keyword in s_unsupported)
        {
            if (s.TryGetProperty(keyword, out _)) throw new NotSupportedException($"Schema keyword '{keyword}' at {path} is not supported.");
        }

        if (s.TryGetProperty("const", out var constant)) return Literal(Canonical(constant));
        if (s.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0) throw new NotSupportedException($"'enum' at {path} must be a non-empty array.");
            return Rule(rules, string.Join(" | ", values.EnumerateArray().Select(v => Literal(Canonical(v))).Distinct()));
        }

        if (!s.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new NotSupportedException($"Schema at {path} needs a single string 'type' (or 'enum'/'const').");
        }

        switch (typeElement.GetString())
        {
            case "object":
            {
                var parts = new List<string> { "\"{\"" };
                if (s.TryGetProperty("properties", out var props))
                {
                    bool first = true;
                    foreach (var p in props.EnumerateObject())
                    {
                        var key = (first ? "" : ",") + JsonSerializer.Serialize(p.Name, s_literalJson) + ":";
                        parts.Add(Literal(key));
                        parts.Add("\" \"?");
                        parts.Add(Node(p.Value, rules, $"{path}/properties/{p.Name}", depth + 1));
                        first = false;
                    }
                }

                if (s.TryGetProperty("required", out var required))
                {
                    var declared = props.ValueKind == JsonValueKind.Object ? props.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
                    foreach (var r in required.EnumerateArray())
                    {
                        if (!declared.Contains(r.GetString() ?? "")) throw new NotSupportedException($"Required property '{r}' at {path} has no schema in 'properties'.");
                    }
                }

                parts.Add("\"}\"");
                return Rule(rules, string.Join(" ", parts));
            }

            case "array":
            {
                if (!s.TryGetProperty("items", out var items)) throw new NotSupportedException($"Array at {path} needs 'items'.");
                var item = Rule(rules, "\" \"? " + Node(items, rules, path + "/items", depth + 1));
                int min = GetInt(s, "minItems", 0), max = GetInt(s, "maxItems", int.MaxValue);
                if (min > max) throw new NotSupportedException($"minItems > maxItems at {path}.");
                if (max == 0) return Literal("[]");
                string more = max == int.MaxValue ? $"{{{Math.Max(0, min - 1)},}}" : $"{{{Math.Max(0, min - 1)},{max - 1}}}";
                string list = $"{item} (\",\" {item}){more}";
                return Rule(rules, min == 0 ? $"\"[\" ({list})? \"]\"" : $"\"[\" {list} \"]\"");
            }

            case "string":
            {
                int min = GetInt(s, "minLength", 0), max = GetInt(s, "maxLength", int.MaxValue);
                if (min > max) throw new NotSupportedException($"minLength > maxLength at {path}.");
                string rep = max == int.MaxValue ? (min == 0 ? "*" : $"{{{min},}}") : $"{{{min},{max}}}";
                return Rule(rules, $"\"\\\"\" char{rep} \"\\\"\"");
            }

            case "integer":
            {
                var (lo, hi) = IntegerBounds(s, path);
                return Rule(rules, IntRange(lo, hi));
            }

            case "number":
            {
                bool bounded = s.TryGetProperty("minimum", out _) || s.TryGetProperty("maximum", out _) || s.TryGetProperty("exclusiveMinimum", out _) || s.TryGetProperty("exclusiveMaximum", out _);
                const string fraction = "(\".\" [0-9]{1,15})?";
                if (!bounded) return Rule(rules, $"\"-\"? (\"0\" | [1-9] {Digits15}) {fraction} ([eE] [-+]? [0-9]{{1,3}})?");
                return Rule(rules, NumberRange(s, path));
            }

            case "boolean":
                return "(\"true\" | \"false\")";
            case "null":
                return "\"null\"";
            default:
                throw new NotSupportedException($"Type '{typeElement.GetString()}' at {path} is not supported.");
        }
    }

    /// <summary>[min, max] of an integer schema (exclusive bounds folded in); null = unbounded.</summary>
    private static (long? Lo, long? Hi) IntegerBounds(JsonElement s, string path)
    {
        long? lo = null, hi = null;
        if (s.TryGetProperty("minimum", out var m)) lo = Ceil(m, path);
        if (s.TryGetProperty("exclusiveMinimum", out var em)) lo = Max(lo, Floor(em, path) + 1);
        if (s.TryGetProperty("maximum", out var x)) hi = Floor(x, path);
        if (s.TryGetProperty("exclusiveMaximum", out var ex)) hi = Min(hi, Ceil(ex, path) - 1);
        if (lo > hi) throw new NotSupportedException($"No integer at {path} satisfies its bounds.");
        return (lo, hi);
    }

    /// <summary>
    /// A number in [min, max] for integral bounds with min ≥ 0: an integer part in [min, max - 1] with any fraction,
    /// or max itself with an all-zero fraction. Exclusive bounds and other cases are refused.
    /// </summary>
    private static string NumberRange(JsonElement s, string path)
    {
        if (s.TryGetProperty("exclusiveMinimum", out _) || s.TryGetProperty("exclusiveMaximum", out _))
        {
            throw new NotSupportedException($"exclusiveMinimum/exclusiveMaximum on a number at {path} is not supported.");
        }

        if (!s.TryGetProperty("minimum", out var m) || !m.TryGetInt64(out var lo) || lo < 0)
        {
            throw new NotSupportedException($"A bounded number at {path} needs an integer minimum >= 0.");
        }

        const string fraction = "(\".\" [0-9]{1,15})?";
        if (!s.TryGetProperty("maximum", out var x)) return $"({IntRange(lo, null)}) {fraction}";
        if (!x.TryGetInt64(out var hi)) throw new NotSupportedException($"A bounded number at {path} needs an integer maximum.");
        if (lo > hi) throw new NotSupportedException($"minimum > maximum at {path}.");
        string top = $"{Literal(hi.ToString(CultureInfo.InvariantCulture))} (\".\" \"0\"{{1,15}})?";
        return lo == hi ? top : $"({IntRange(lo, hi - 1)}) {fraction} | {top}";
    }

    /// <summary>GBNF for the decimal integers in [lo, hi] (null = unbounded), canonical form (no leading zeros, no "-0").</summary>
    internal static string IntRange(long? lo, long? hi)
    {
        var alternatives = new List<string>();
        if (hi is null || hi >= 0) alternatives.Add(NonNegative(Math.Max(lo ?? 0, 0), hi));
        if (lo is null || lo < 0)
        {
            // -x for x in [max(1, -hi), -lo]
            long a = hi is { } h && h < 0 ? -h : 1;
            long? b = lo is { } l ? -l : null;
            alternatives.Add($"\"-\" ({NonNegative(a, b)})");
        }

        return string.Join(" | ", alternatives.Select(a => $"({a})"));
    }

    private static string NonNegative(long lo, long? hi)
    {
        int loLen = Len(lo);
        if (hi is null)
        {
            // Unbounded above: numbers of lo's length from lo, then any longer one up to 15 digits.
            var first = SameLength(lo.ToString(CultureInfo.InvariantCulture), new string('9', loLen));
            return loLen >= 15 ? first : $"{first} | [1-9] [0-9]{{{loLen},14}}";
        }

        var alternatives = new List<string>();
        int hiLen = Len(hi.Value);
        for (int len = loLen; len <= hiLen; len++)
        {
            long from = len == loLen ? lo : Pow10(len - 1);
            long to = len == hiLen ? hi.Value : Pow10(len) - 1;
            if (from <= to) alternatives.Add(SameLength(from.ToString(CultureInfo.InvariantCulture), to.ToString(CultureInfo.InvariantCulture)));
        }

        return string.Join(" | ", alternatives);
    }

    /// <summary>Digit strings of one length between a and b (same length, a ≤ b).</summary>
    private static string SameLength(string a, string b)
    {
        if (a.Length == 1) return a == b ? Literal(a) : $"[{a}-{b}]";
        if (a[0] == b[0]) return $"{Literal(a[..1])} ({SameLength(a[1..], b[1..])})";
        int rest = a.Length - 1;
        var parts = new List<string>
        {
            $"{Literal(a[..1])} ({SameLength(a[1..], new string('9', rest))})",
        };
        if (b[0] - a[0] > 1) parts.Add($"[{(char)(a[0] + 1)}-{(char)(b[0] - 1)}] [0-9]{{{rest}}}");
        parts.Add($"{Literal(b[..1])} ({SameLength(new string('0', rest), b[1..])})");
        return string.Join(" | ", parts);
    }

    private static int Len(long v) => v.ToString(CultureInfo.InvariantCulture).Length;

    private static long Pow10(int n)
    {
        long r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }

    private static long Ceil(JsonElement e, string path) => e.TryGetDouble(out var d) && Math.Abs(d) < 1e18 ? (long)Math.Ceiling(d) : throw new NotSupportedException($"Bound at {path} must be a number below 1e18.");

    private static long Floor(JsonElement e, string path) => e.TryGetDouble(out var d) && Math.Abs(d) < 1e18 ? (long)Math.Floor(d) : throw new NotSupportedException($"Bound at {path} must be a number below 1e18.");

    private static long? Max(long? a, long b) => a is null ? b : Math.Max(a.Value, b);

    private static long? Min(long? a, long b) => a is null ? b : Math.Min(a.Value, b);

    private static int GetInt(JsonElement s, string name, int fallback)
    {
        if (!s.TryGetProperty(name, out var e)) return fallback;
        return e.TryGetInt32(out var v) && v >= 0 ? v : throw new NotSupportedException($"'{name}' must be a non-negative integer.");
    }

    private static string Canonical(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(v.GetString(), s_literalJson),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => v.GetRawText(),
        _ => JsonSerializer.Serialize(v, s_literalJson),
    };

    /// <summary>A GBNF string literal.</summary>
    internal static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
