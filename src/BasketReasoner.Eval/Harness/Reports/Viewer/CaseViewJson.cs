using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Systems;

namespace BasketReasoner.Eval.Harness.Reports.Viewer;

/// <summary>
/// The case data a report page embeds in <c>&lt;script type="application/json"&gt;</c>: case records with their
/// grades and reasons, each prompt text once (cases name prompts by id), each frame thumbnail once.
/// </summary>
internal static class CaseViewJson
{
    // Relaxed escaping keeps base64 and non-ASCII text at their size (the default encoder writes + as \u002B);
    // Embed then escapes every < so that no text from a case can close the script element.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>JSON safe inside <c>&lt;script type="application/json"&gt;</c>: a &lt; can only stand inside a JSON
    /// string, where <c>\u003C</c> reads back the same.</summary>
    internal static string Embed<T>(T value) => JsonSerializer.Serialize(value, Json).Replace("<", "\\u003C", StringComparison.Ordinal);

    public static string Run(string title, CaseViewSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Validate();
        var all = Ordered(source.Records);
        var kept = all.Length <= source.MaxCases
            ? all
            : Ordered(all.Where(IsFailure).Concat(all.Where(r => !IsFailure(r))).Take(source.MaxCases));
        var frames = Frames(kept.OrderBy(r => IsFailure(r) ? 0 : 1), source);
        var payload = new RunPayload(
            "run",
            title,
            all.Length,
            kept.Select(r => Item(r, source.MaxTextLength, frames)).ToArray(),
            Prompts(kept, source.Prompts),
            frames.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal));
        return Embed(payload);
    }

    public static string Compare(string title, string baseLabel, string newLabel, CaseFlips flips, CaseViewSource baseline, CaseViewSource candidate)
    {
        ArgumentNullException.ThrowIfNull(flips);
        baseline.Validate();
        candidate.Validate();
        var pairs = flips.PassToFail.Select(p => ("pass_to_fail", p)).Concat(flips.FailToPass.Select(p => ("fail_to_pass", p))).ToArray();
        var records = pairs.SelectMany(p => p.p.New.Concat(p.p.Base)).ToArray();
        var frames = Frames(records, new CaseViewSource { Records = records, Frames = candidate.Frames ?? baseline.Frames, MaxFrames = candidate.MaxFrames });
        var maxText = Math.Min(baseline.MaxTextLength, candidate.MaxTextLength);
        var prompts = Prompts(pairs.SelectMany(p => p.p.Base), baseline.Prompts);
        foreach (var (id, text) in Prompts(pairs.SelectMany(p => p.p.New), candidate.Prompts))
        {
            // Same id = same content hash, so either run's text will do.
            prompts[id] = text;
        }

        var payload = new ComparePayload(
            "compare",
            title,
            baseLabel,
            newLabel,
            flips.Matched,
            flips.OnlyInBase,
            flips.OnlyInNew,
            pairs.Select(p => new FlipItem(p.Item1, p.p.System, p.p.Dataset, p.p.CaseId, p.p.Category,
                p.p.Base.Select(r => Item(r, maxText, frames)).ToArray(), p.p.New.Select(r => Item(r, maxText, frames)).ToArray())).ToArray(),
            prompts,
            frames.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal));
        return Embed(payload);
    }

    /// <summary>pass / fail / ungraded: a record passes when it has grades and passes them all.</summary>
    public static string Status(CaseRecord r) => r.Grades.Count == 0 ? "ungraded" : r.Grades.All(g => g.Passed) ? "pass" : "fail";

    /// <summary>The case's frame as the dataset names it (ambiguous items carry one <c>image</c>), or null.</summary>
    public static string? FrameOf(CaseRecord r)
    {
        if (r.Input.Length == 0 || r.Input[0] != '{')
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(r.Input);
            return doc.RootElement.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String ? image.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsFailure(CaseRecord r) => r.Error is not null || Status(r) == "fail";

    private static CaseRecord[] Ordered(IEnumerable<CaseRecord> records) => records
        .OrderBy(r => r.System, StringComparer.Ordinal).ThenBy(r => r.Dataset, StringComparer.Ordinal)
        .ThenBy(r => r.CaseId, StringComparer.Ordinal).ThenBy(r => r.Repeat).ToArray();

    private static Dictionary<string, string?> Frames(IEnumerable<CaseRecord> records, CaseViewSource source)
    {
        var frames = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (source.Frames is null || source.MaxFrames == 0)
        {
            return frames;
        }

        foreach (var image in records.Select(FrameOf).OfType<string>())
        {
            if (frames.Count >= source.MaxFrames)
            {
                break;
            }

            if (!frames.ContainsKey(image))
            {
                frames[image] = source.Frames.DataUri(image);
            }
        }

        return frames;
    }

    private static SortedDictionary<string, string> Prompts(IEnumerable<CaseRecord> records, IReadOnlyDictionary<string, string> texts)
    {
        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in records.SelectMany(PromptIds).Distinct(StringComparer.Ordinal))
        {
            if (texts.TryGetValue(id, out var text))
            {
                used[id] = text;
            }
        }

        return used;
    }

    private static string[] PromptIds(CaseRecord r) =>
        r.Prompts is { Length: > 0 } p ? p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    private static CaseItem Item(CaseRecord r, int maxText, Dictionary<string, string?> frames)
    {
        var frame = FrameOf(r);
        var output = r.Output is { } o ? o with { Text = Cut(o.Text, maxText), Raw = o.Raw is null ? null : Cut(o.Raw, maxText) } : null;
        return new CaseItem(
            r.System, r.Dataset, r.Kind, r.CaseId, r.Split, r.Category, r.Repeat, r.Seed, Status(r), Cut(r.Input, maxText), output,
            r.Grades.Select(g => new GradeItem(g.Grader, double.IsFinite(g.Score) ? Math.Round(g.Score, 4) : g.Score, g.Passed, g.Reason)).ToArray(),
            Math.Round(r.LatencyMs, 2), r.Cached, r.Error, PromptIds(r), r.Parameters is { Length: > 0 } ? r.Parameters : null,
            frame is not null && frames.TryGetValue(frame, out var uri) && uri is not null ? frame : null);
    }

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"… [{text.Length - max:N0} more characters not embedded; see cases.jsonl]");

    private sealed record RunPayload(string Mode, string Title, int Total, CaseItem[] Cases, SortedDictionary<string, string> Prompts, Dictionary<string, string> Frames);

    private sealed record ComparePayload(string Mode, string Title, string BaseLabel, string NewLabel, int Matched, int OnlyInBase, int OnlyInNew,
        FlipItem[] Flips, SortedDictionary<string, string> Prompts, Dictionary<string, string> Frames);

    private sealed record FlipItem(string Direction, string System, string Dataset, string CaseId, string Category, CaseItem[] Base, CaseItem[] New);

    private sealed record CaseItem(string System, string Dataset, string Kind, string CaseId, string Split, string Category, int Repeat, int Seed,
        string Status, string Input, SystemOutput? Output, GradeItem[] Grades, double LatencyMs, bool Cached, string? Error, string[] Prompts,
        string? Parameters, string? Frame);

    private sealed record GradeItem(string Grader, double Score, bool Passed, string? Reason);
}
