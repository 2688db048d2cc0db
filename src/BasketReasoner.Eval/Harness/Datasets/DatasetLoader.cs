using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;

namespace BasketReasoner.Eval.Harness.Datasets;

/// <summary>
/// Reads the three dataset formats (JSON Lines). A malformed line is an error naming the file and line: a suite
/// that silently drops cases would report accuracy on a different set than it claims.
/// </summary>
public static class DatasetLoader
{
    public static DatasetKind ParseKind(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "sessions" or "session" => DatasetKind.Sessions,
        "ambiguous" or "ambiguous-items" => DatasetKind.Ambiguous,
        "shopper" or "shopper-questions" => DatasetKind.Shopper,
        _ => throw new FormatException($"unknown dataset kind '{kind}' (expected sessions, ambiguous or shopper)"),
    };

    /// <param name="name">The suite's name for the dataset.</param>
    /// <param name="kind">Its format.</param>
    /// <param name="path">The JSON Lines file.</param>
    /// <param name="split">When set, keeps only cases of this split (a session's split is read from its image paths).</param>
    /// <param name="limit">When set, keeps the first N cases (after the split filter), so a slice is stable.</param>
    public static IReadOnlyList<EvalCase> Load(string name, DatasetKind kind, string path, string? split = null, int? limit = null)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"dataset '{name}': '{path}' is a folder; a dataset is a JSONL file");
        }

        var cases = new List<EvalCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EvalCase c;
            try
            {
                c = Parse(name, kind, line);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                throw new InvalidDataException($"{path}:{lineNo}: {ex.Message}", ex);
            }

            if (!ids.Add(c.Id))
            {
                throw new InvalidDataException($"{path}:{lineNo}: duplicate case id '{c.Id}'");
            }

            if (split is not null && !string.Equals(c.Split, split, StringComparison.Ordinal))
            {
                continue;
            }

            cases.Add(c);
            if (limit is { } n && cases.Count >= n)
            {
                break;
            }
        }

        return cases;
    }

    public static EvalCase Parse(string dataset, DatasetKind kind, string line)
    {
        switch (kind)
        {
            case DatasetKind.Sessions:
                var session = SessionFile.ParseLine(line);
                var first = session.Events[0].Image;
                var slash = first.IndexOf('/', StringComparison.Ordinal);
                return new EvalCase(dataset, kind, session.Id, slash > 0 ? first[..slash] : "", $"{session.Events.Count / 4 * 4}-{session.Events.Count / 4 * 4 + 3} events", line, session);
            case DatasetKind.Ambiguous:
                var a = ParseAmbiguous(line);
                return new EvalCase(dataset, kind, a.Id, a.Split, a.Category, line, a);
            case DatasetKind.Shopper:
                var s = ParseShopper(line);
                return new EvalCase(dataset, kind, s.Id, s.Split, s.Category, line, s);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    public static AmbiguousCase ParseAmbiguous(string line)
    {
        var o = Object(line);
        var candidates = Strings(o["candidates"], "candidates");
        if (candidates.Count < 1)
        {
            throw new FormatException("'candidates' is empty");
        }

        var type = Required(o, "type") switch
        {
            "add" => CartEventType.Add,
            "remove" => CartEventType.Remove,
            var t => throw new FormatException($"type '{t}' is neither add nor remove"),
        };
        IReadOnlyList<double>? posteriors = o["posteriors"] is JsonArray p ? p.Select(x => x!.GetValue<double>()).ToArray() : null;
        return new AmbiguousCase(
            Required(o, "id"), Optional(o, "split") ?? "", Required(o, "image"),
            o["weight_delta_g"] is JsonValue w ? w.GetValue<double>() : null,
            type, candidates, Required(o, "expected"), posteriors, Basket(o["basket"]));
    }

    public static ShopperCase ParseShopper(string line)
    {
        var o = Object(line);
        var expect = o["expect"] as JsonObject ?? [];
        var numbers = new List<NumericExpectation>();
        if (expect["numbers"] is JsonArray nums)
        {
            foreach (var n in nums)
            {
                numbers.Add(n switch
                {
                    JsonObject no => new NumericExpectation(no["value"]!.GetValue<double>(), no["tolerance"]?.GetValue<double>() ?? 0),
                    JsonValue v => new NumericExpectation(v.GetValue<double>(), 0),
                    _ => throw new FormatException("expect.numbers entries must be numbers or {value, tolerance}"),
                });
            }
        }

        var expectation = new ShopperExpectation(
            Optional(expect, "kind"), numbers,
            Strings(expect["contains_all"], "contains_all"), Strings(expect["contains_any"], "contains_any"),
            Strings(expect["not_contains"], "not_contains"), Strings(expect["product_ids"], "product_ids"),
            Optional(expect, "regex"), Optional(expect, "exact"),
            expect["basket_only"] is JsonValue bo && bo.GetValue<bool>());
        return new ShopperCase(
            Required(o, "id"), Optional(o, "split") ?? "", Optional(o, "category") ?? "uncategorised",
            Basket(o["basket"]), Required(o, "question"), expectation);
    }

    private static JsonObject Object(string line) =>
        JsonNode.Parse(line) as JsonObject ?? throw new FormatException("a case must be a JSON object");

    private static string Required(JsonObject o, string key) =>
        Optional(o, key) is { Length: > 0 } s ? s : throw new FormatException($"missing '{key}'");

    private static string? Optional(JsonObject o, string key) => o[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => throw new FormatException($"'{key}' must be a string, got {other.ToJsonString()}"),
    };

    private static IReadOnlyList<string> Strings(JsonNode? node, string key) => node switch
    {
        null => [],
        JsonArray a => a.Select(x => x?.GetValue<string>() ?? throw new FormatException($"'{key}' holds a null")).ToArray(),
        _ => throw new FormatException($"'{key}' must be an array of strings"),
    };

    private static IReadOnlyList<BasketLine> Basket(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        var lines = new List<BasketLine>();
        foreach (var item in node as JsonArray ?? throw new FormatException("'basket' must be an array"))
        {
            var obj = item as JsonObject ?? throw new FormatException("basket lines must be objects");
            var qty = obj["qty"]?.GetValue<int>() ?? 1;
            lines.Add(new BasketLine(Required(obj, "product"), qty));
        }

        return lines;
    }

    /// <summary>One ambiguous case as a JSON line, in the format <see cref="ParseAmbiguous"/> reads.</summary>
    public static string ToLine(AmbiguousCase a)
    {
        var o = new JsonObject
        {
            ["id"] = a.Id,
            ["split"] = a.Split,
            ["image"] = a.Image,
            ["weight_delta_g"] = a.WeightDeltaGrams is { } w ? JsonValue.Create(Math.Round(w, 1)) : null,
            ["type"] = a.Type == CartEventType.Add ? "add" : "remove",
            ["candidates"] = new JsonArray(a.Candidates.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            ["expected"] = a.Expected,
        };
        if (a.Posteriors is { } p)
        {
            o["posteriors"] = new JsonArray(p.Select(x => (JsonNode)JsonValue.Create(Math.Round(x, 5))!).ToArray());
        }

        if (a.Basket.Count > 0)
        {
            o["basket"] = new JsonArray(a.Basket.Select(l => (JsonNode)new JsonObject { ["product"] = l.Product, ["qty"] = l.Qty }).ToArray());
        }

        return o.ToJsonString();
    }

    internal static string Invariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
