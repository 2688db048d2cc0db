using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Core.Sessions;

/// <summary>
/// Reads and writes session files: JSON Lines, one session per line. A bad line is reported with its line number
/// and skipped; it never stops the rest of the file.
/// </summary>
public static class SessionFile
{
    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    /// <param name="path">The session file.</param>
    /// <param name="isKnownProduct">When given, a line naming a product it rejects (in <c>expected</c> or an
    /// event's truth) is an error: a session about products the catalog does not sell cannot be scored.</param>
    public static (List<CartSession> Sessions, List<SessionReadError> Errors) Read(string path, Func<string, bool>? isKnownProduct = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, isKnownProduct);
    }

    public static (List<CartSession> Sessions, List<SessionReadError> Errors) Read(TextReader reader, Func<string, bool>? isKnownProduct = null)
    {
        var sessions = new List<CartSession>();
        var errors = new List<SessionReadError>();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var session = ParseLine(line);
                if (isKnownProduct is not null)
                {
                    RequireKnownProducts(session, isKnownProduct);
                }

                sessions.Add(session);
            }
            // ArgumentException: JsonObject rejects a duplicate key lazily, on first lookup, not at parse time.
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                errors.Add(new SessionReadError(lineNo, ex.Message));
            }
        }

        return (sessions, errors);
    }

    public static CartSession ParseLine(string line)
    {
        var node = JsonNode.Parse(line, documentOptions: StrictDocument) as JsonObject ?? throw new FormatException("a session must be a JSON object");
        var id = RequiredString(node, "id");
        var eventsNode = node["events"] as JsonArray ?? throw new FormatException($"session '{id}': 'events' must be an array");
        if (eventsNode.Count == 0)
        {
            throw new FormatException($"session '{id}': 'events' is empty; a session needs at least one event");
        }

        var events = new List<CartEvent>(eventsNode.Count);
        var truth = new List<string?>(eventsNode.Count);
        var anyTruth = false;
        var boxes = new List<IReadOnlyList<ItemBox?>?>(eventsNode.Count);
        var anyBoxes = false;
        for (var i = 0; i < eventsNode.Count; i++)
        {
            var ev = eventsNode[i] as JsonObject ?? throw new FormatException($"session '{id}': event {i + 1} must be an object");
            var seq = ev["seq"] is { } s ? s.GetValue<int>() : i + 1;
            var type = RequiredString(ev, "type") switch
            {
                "add" => CartEventType.Add,
                "remove" => CartEventType.Remove,
                var other => throw new FormatException($"session '{id}': event {seq} has type '{other}', expected 'add' or 'remove'"),
            };
            var image = RequiredString(ev, "image");
            double? weight = ev["weight_delta_g"] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<double>(out var d) => double.IsFinite(d) ? d
                    : throw new FormatException($"session '{id}': event {seq} weight_delta_g is not a finite number"),
                var other => throw new FormatException($"session '{id}': event {seq} weight_delta_g must be a number or null, got {other.ToJsonString()}"),
            };
            var (frames, targets) = ParseFrames(ev["frames"], id, seq);
            events.Add(new CartEvent(seq, type, image, weight) { Frames = frames });
            anyBoxes |= targets is not null;
            boxes.Add(targets);
            var product = ev["product"]?.GetValue<string>();
            anyTruth |= product is not null;
            truth.Add(product);
        }

        var expectedNode = node["expected"] as JsonArray ?? throw new FormatException($"session '{id}': 'expected' must be an array");
        var expected = new List<BasketLine>(expectedNode.Count);
        foreach (var e in expectedNode)
        {
            var obj = e as JsonObject ?? throw new FormatException($"session '{id}': expected lines must be objects");
            var qty = obj["qty"]?.GetValue<int>() ?? throw new FormatException($"session '{id}': expected line without 'qty'");
            if (qty <= 0)
            {
                throw new FormatException($"session '{id}': expected qty must be positive, got {qty}");
            }

            expected.Add(new BasketLine(RequiredString(obj, "product"), qty));
        }

        return new CartSession(id, events, expected) { EventTruth = anyTruth ? truth : null, FrameTruth = anyBoxes ? boxes : null };
    }

    // "frames": [{"camera":"cam0","before":"s-1/e1-cam0-before.jpg","after":"...","target_box":[x0,y0,x1,y1]|null}, ...]
    private static (IReadOnlyList<CameraFrames>? Frames, IReadOnlyList<ItemBox?>? Targets) ParseFrames(JsonNode? node, string id, int seq)
    {
        if (node is null)
        {
            return (null, null);
        }

        var where = $"session '{id}': event {seq}";
        var array = node as JsonArray ?? throw new FormatException($"{where} 'frames' must be an array of {{camera, before, after}} objects");
        if (array.Count == 0)
        {
            throw new FormatException($"{where} 'frames' is empty; leave it out when the event has no camera frames");
        }

        var frames = new List<CameraFrames>(array.Count);
        var targets = new List<ItemBox?>(array.Count);
        var anyTarget = false;
        for (var f = 0; f < array.Count; f++)
        {
            var obj = array[f] as JsonObject ?? throw new FormatException($"{where} frames[{f}] must be an object");
            string Field(string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
                ? s
                : throw new FormatException($"{where} frames[{f}] needs a non-empty string '{name}'");
            var camera = Field("camera");
            if (frames.Any(x => x.Camera == camera))
            {
                throw new FormatException($"{where} frames name camera '{camera}' twice");
            }

            var before = Field("before");
            var after = Field("after");
            foreach (var path in (ReadOnlySpan<string>)[before, after])
            {
                if (Path.IsPathRooted(path))
                {
                    throw new FormatException($"{where} frames[{f}] path '{path}' must be relative to the session file's folder");
                }
            }

            frames.Add(new CameraFrames(camera, before, after));
            var target = ParseBox(obj["target_box"], $"{where} frames[{f}].target_box");
            anyTarget |= target is not null;
            targets.Add(target);
        }

        return (frames, anyTarget ? targets : null);
    }

    private static ItemBox? ParseBox(JsonNode? node, string where)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray { Count: 4 } a)
        {
            throw new FormatException($"{where} must be null or [x0, y0, x1, y1], got {node.ToJsonString()}");
        }

        Span<float> v = stackalloc float[4];
        for (var i = 0; i < 4; i++)
        {
            if (a[i] is not JsonValue value || !value.TryGetValue<double>(out var d) || !double.IsFinite(d))
            {
                throw new FormatException($"{where} must hold 4 finite numbers, got {node.ToJsonString()}");
            }

            v[i] = (float)d;
        }

        return v[2] > v[0] && v[3] > v[1]
            ? new ItemBox(v[0], v[1], v[2], v[3])
            : throw new FormatException($"{where} must have x1 > x0 and y1 > y0, got {node.ToJsonString()}");
    }

    private static void RequireKnownProducts(CartSession session, Func<string, bool> isKnown)
    {
        var names = session.Expected.Select(l => l.Product).Concat(session.EventTruth?.OfType<string>() ?? []);
        if (names.FirstOrDefault(n => !isKnown(n)) is { } unknown)
        {
            throw new FormatException($"session '{session.Id}': unknown product '{unknown}' (not in the catalog)");
        }
    }

    public static void Write(string path, IEnumerable<CartSession> sessions)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var s in sessions)
        {
            writer.Write(ToLine(s));
            writer.Write('\n');
        }
    }

    public static string ToLine(CartSession session)
    {
        var events = new JsonArray();
        for (var i = 0; i < session.Events.Count; i++)
        {
            var e = session.Events[i];
            var obj = new JsonObject
            {
                ["seq"] = e.Seq,
                ["type"] = e.Type == CartEventType.Add ? "add" : "remove",
                ["image"] = e.Image,
                ["weight_delta_g"] = e.WeightDeltaGrams is { } w ? JsonValue.Create(Math.Round(w, 1)) : null,
            };
            if (session.EventTruth?[i] is { } truth)
            {
                obj["product"] = truth;
            }

            if (e.Frames is { } frames)
            {
                var targets = session.FrameTruth?[i];
                var array = new JsonArray();
                for (var f = 0; f < frames.Count; f++)
                {
                    var frame = new JsonObject { ["camera"] = frames[f].Camera, ["before"] = frames[f].Before, ["after"] = frames[f].After };
                    if (targets is not null && f < targets.Count)
                    {
                        frame["target_box"] = targets[f] is { } b ? new JsonArray(b.X0, b.Y0, b.X1, b.Y1) : null;
                    }

                    array.Add(frame);
                }

                obj["frames"] = array;
            }

            events.Add(obj);
        }

        var expected = new JsonArray(session.Expected.Select(l => (JsonNode)new JsonObject { ["product"] = l.Product, ["qty"] = l.Qty }).ToArray());
        return new JsonObject { ["id"] = session.Id, ["events"] = events, ["expected"] = expected }.ToJsonString();
    }

    private static string RequiredString(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"missing or empty string '{name}'"));
}
