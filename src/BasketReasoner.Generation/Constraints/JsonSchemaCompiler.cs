using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BasketReasoner.Generation.Constraints;

internal enum SchemaKind { Object, Array, String, Integer, Number, Literal }

/// <summary>One compiled schema node; key literals of objects are nodes too.</summary>
internal sealed class SchemaNode
{
    public SchemaKind Kind { get; init; }
    public bool AllowLeadingSpace { get; set; }
    public int[] PropertyKeys { get; init; } = [];     // literal node per property: (",")"name":
    public int[] PropertyValues { get; init; } = [];
    public int Item { get; init; } = -1;
    public int MinItems { get; init; }
    public int MaxItems { get; init; } = int.MaxValue;
    public int MinLength { get; init; }
    public int MaxLength { get; init; } = int.MaxValue;
    public byte[][] Literals { get; init; } = [];
    public int MinimalLength { get; set; }

    /// <summary>Inclusive bounds of an integer/number node (<c>minimum</c>/<c>maximum</c>); null = none.</summary>
    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }
    public bool HasBounds => Minimum.HasValue || Maximum.HasValue;

    /// <summary>Shortest completion per bounded-number state (see JsonAutomaton.Bounds), filled as it is used.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<(int, int, long, int, bool), byte[]> BoundedCompletions { get; } = new();
}

/// <summary>
/// Compiles the supported JSON-schema subset into nodes: <c>type</c> object (with <c>properties</c>), array (with
/// <c>items</c>, <c>minItems</c>, <c>maxItems</c>), string (<c>minLength</c>, <c>maxLength</c>), integer, number,
/// boolean, null, and <c>enum</c> / <c>const</c>; integer and number take <c>minimum</c> / <c>maximum</c> (|bound| ≤ 10^9,
/// at most 6 decimals; a bounded number has no exponent). Objects are emitted with every declared property, in declaration
/// order, which satisfies any <c>required</c> list. Combinators, <c>$ref</c>, <c>pattern</c> and type unions are
/// rejected with <see cref="NotSupportedException"/> rather than silently ignored.
/// </summary>
internal static class JsonSchemaCompiler
{
    private static readonly string[] s_unsupported =
        ["anyOf", "oneOf", "allOf", "not", "$ref", "pattern", "patternProperties", "if", "then", "else", "prefixItems", "dependentSchemas",
         "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems", "format"];

    private static readonly JsonSerializerOptions s_literalJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static CompiledSchema Compile(string schemaJson)
    {
        using var doc = JsonDocument.Parse(schemaJson);
        return Compile(doc.RootElement);
    }

    public static CompiledSchema Compile(JsonElement schema)
    {
        var nodes = new List<SchemaNode>();
        int root = CompileNode(schema, nodes, "#", depth: 0);
        nodes[root].AllowLeadingSpace = false;
        foreach (var node in nodes) node.MinimalLength = -1;
        for (int i = 0; i < nodes.Count; i++) MinimalLength(nodes, i);
        int maxDepth = 2 * Depth(nodes, root) + 2;
        return new CompiledSchema(nodes.ToArray(), root, maxDepth);
    }

    private static int CompileNode(JsonElement s, List<SchemaNode> nodes, string path, int depth)
    {
        if (depth > 32) throw new NotSupportedException($"Schema at {path} nests deeper than 32 levels.");
        if (s.ValueKind != JsonValueKind.Object) throw new NotSupportedException($"Schema at {path} is not an object.");
        foreach (var keyword in s_unsupported)
        {
            if (s.TryGetProperty(keyword, out _)) throw new NotSupportedException($"Schema keyword '{keyword}' at {path} is not supported.");
        }

        if (s.TryGetProperty("const", out var constant)) return AddLiteral(nodes, [constant], path, leadingSpace: true);
        if (s.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0) throw new NotSupportedException($"'enum' at {path} must be a non-empty array.");
            return AddLiteral(nodes, values.EnumerateArray().ToArray(), path, leadingSpace: true);
        }

        if (!s.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new NotSupportedException($"Schema at {path} needs a single string 'type' (or 'enum'/'const').");
        }

        string type = typeElement.GetString()!;
        switch (type)
        {
            case "object":
            {
                var keys = new List<int>();
                var valueNodes = new List<int>();
                if (s.TryGetProperty("properties", out var props))
                {
                    foreach (var p in props.EnumerateObject())
                    {
                        string key = (keys.Count > 0 ? "," : "") + JsonSerializer.Serialize(p.Name, s_literalJson) + ":";
                        nodes.Add(new SchemaNode { Kind = SchemaKind.Literal, Literals = [Encoding.UTF8.GetBytes(key)] });
                        keys.Add(nodes.Count - 1);
                        valueNodes.Add(CompileNode(p.Value, nodes, $"{path}/properties/{p.Name}", depth + 1));
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

                nodes.Add(new SchemaNode { Kind = SchemaKind.Object, AllowLeadingSpace = true, PropertyKeys = keys.ToArray(), PropertyValues = valueNodes.ToArray() });
                return nodes.Count - 1;
            }

            case "array":
            {
                if (!s.TryGetProperty("items", out var items)) throw new NotSupportedException($"Array at {path} needs 'items'.");
                int item = CompileNode(items, nodes, path + "/items", depth + 1);
                int min = GetInt(s, "minItems", 0), max = GetInt(s, "maxItems", int.MaxValue);
                if (min > max) throw new NotSupportedException($"minItems > maxItems at {path}.");
                nodes.Add(new SchemaNode { Kind = SchemaKind.Array, AllowLeadingSpace = true, Item = item, MinItems = min, MaxItems = max });
                return nodes.Count - 1;
            }

            case "string":
            {
                int min = GetInt(s, "minLength", 0), max = GetInt(s, "maxLength", int.MaxValue);
                if (min > max) throw new NotSupportedException($"minLength > maxLength at {path}.");
                nodes.Add(new SchemaNode { Kind = SchemaKind.String, AllowLeadingSpace = true, MinLength = min, MaxLength = max });
                return nodes.Count - 1;
            }

            case "integer":
            case "number":
            {
                var kind = type == "integer" ? SchemaKind.Integer : SchemaKind.Number;
                decimal? min = GetBound(s, "minimum", path), max = GetBound(s, "maximum", path);
                if (min > max) throw new NotSupportedException($"minimum > maximum at {path}.");
                if (kind == SchemaKind.Integer && min.HasValue && max.HasValue && decimal.Ceiling(min.Value) > decimal.Floor(max.Value))
                {
                    throw new NotSupportedException($"No integer lies in [minimum, maximum] at {path}.");
                }

                nodes.Add(new SchemaNode { Kind = kind, AllowLeadingSpace = true, Minimum = min, Maximum = max });
                return nodes.Count - 1;
            }
            case "boolean":
                return AddLiteral(nodes, [JsonDocument.Parse("false").RootElement, JsonDocument.Parse("true").RootElement], path, leadingSpace: true);
            case "null":
                return AddLiteral(nodes, [JsonDocument.Parse("null").RootElement], path, leadingSpace: true);
            default:
                throw new NotSupportedException($"Type '{type}' at {path} is not supported.");
        }
    }

    private static int AddLiteral(List<SchemaNode> nodes, JsonElement[] values, string path, bool leadingSpace)
    {
        if (values.Length > 64) throw new NotSupportedException($"More than 64 enum values at {path}.");
        var literals = values.Select(v => Encoding.UTF8.GetBytes(Canonical(v))).Distinct(ByteArrayComparer.Instance).ToArray();
        foreach (var a in literals)
        {
            foreach (var b in literals)
            {
                if (!ReferenceEquals(a, b) && b.AsSpan().StartsWith(a))
                {
                    throw new NotSupportedException($"Enum values at {path} are ambiguous: {Encoding.UTF8.GetString(a)} is a prefix of {Encoding.UTF8.GetString(b)}.");
                }
            }
        }

        nodes.Add(new SchemaNode { Kind = SchemaKind.Literal, AllowLeadingSpace = leadingSpace, Literals = literals });
        return nodes.Count - 1;
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

    private static decimal? GetBound(JsonElement s, string name, string path)
    {
        if (!s.TryGetProperty(name, out var e)) return null;
        if (e.ValueKind != JsonValueKind.Number) throw new NotSupportedException($"'{name}' at {path} must be a number.");
        // Kept small so every in-range value has a short exact decimal form within the 15 digits the automaton writes.
        // A number beyond decimal's range (1e300) is a number all the same: out of range, not "not a number".
        if (!e.TryGetDecimal(out var v) || Math.Abs(v) > 1_000_000_000m)
        {
            throw new NotSupportedException($"'{name}' at {path} is {e.GetRawText()}, out of range: bounds must lie within ±10^9 with at most 6 decimals.");
        }

        // decimal reads 1e-300 as 0: a bound finer than 6 decimals either way.
        if (v.Scale > 6 && decimal.Round(v, 6) != v || v == 0 && e.TryGetDouble(out var d) && d != 0)
        {
            throw new NotSupportedException($"'{name}' at {path} is {e.GetRawText()}: bounds must lie within ±10^9 with at most 6 decimals.");
        }

        return v;
    }

    private static int GetInt(JsonElement s, string name, int fallback)
    {
        if (!s.TryGetProperty(name, out var e)) return fallback;
        return e.TryGetInt32(out var v) && v >= 0 ? v : throw new NotSupportedException($"'{name}' must be a non-negative integer.");
    }

    private static int MinimalLength(List<SchemaNode> nodes, int index)
    {
        var n = nodes[index];
        if (n.MinimalLength >= 0) return n.MinimalLength;
        n.MinimalLength = n.Kind switch
        {
            SchemaKind.Object => 2 + n.PropertyKeys.Select((k, i) => MinimalLength(nodes, k) + MinimalLength(nodes, n.PropertyValues[i])).Sum(),
            SchemaKind.Array => 2 + (n.MinItems == 0 ? 0 : n.MinItems * MinimalLength(nodes, n.Item) + (n.MinItems - 1)),
            SchemaKind.String => 2 + n.MinLength,
            SchemaKind.Integer or SchemaKind.Number => n.HasBounds ? JsonAutomaton.ShortestBoundedLiteral(index, n).Length : 1,
            _ => n.Literals[0].Length,
        };
        return n.MinimalLength;
    }

    private static int Depth(List<SchemaNode> nodes, int index)
    {
        var n = nodes[index];
        return n.Kind switch
        {
            SchemaKind.Object => 1 + (n.PropertyValues.Length == 0 ? 0 : n.PropertyValues.Max(v => Depth(nodes, v))),
            SchemaKind.Array => 1 + Depth(nodes, n.Item),
            _ => 1,
        };
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj)
        {
            var h = new HashCode();
            h.AddBytes(obj);
            return h.ToHashCode();
        }
    }
}

/// <summary>A compiled schema: its nodes, the root, and the deepest automaton stack it can need.</summary>
internal sealed record CompiledSchema(SchemaNode[] Nodes, int Root, int MaxDepth);
