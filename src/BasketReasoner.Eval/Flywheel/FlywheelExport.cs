using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BasketReasoner.Core.Flywheel;

namespace BasketReasoner.Eval.Flywheel;

/// <summary>
/// <c>basket flywheel export</c>: turns the server's labelled examples (<see cref="LabelledExample"/>) into a training
/// set for the next recognizer and VLM round: <c>images/PRODUCT/CART-EVENT-HASH-N.jpg</c> (a folder per class, as the
/// recognizer's training reads the dataset), <c>manifest.jsonl</c> (one line per image: image, product, type, weight,
/// stage, cart, event, split) and <c>summary.json</c> (<see cref="FlywheelExportReport"/>). The split is by cart, never
/// by frame — a cart's events share a shopper, a light and a camera, so splitting its frames would leak — and a
/// cart's split depends only on the seed and its id, so adding carts never moves the old ones. Deduplicated by cart
/// event (the first example wins) and by frame bytes. A corrupt line is skipped and reported, not fatal.
/// </summary>
public static class FlywheelExport
{
    public const string ManifestFile = "manifest.jsonl";
    public const string SummaryFile = "summary.json";
    private const string ExamplesFile = "examples.jsonl";

    private static readonly JsonSerializerOptions Lines = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
    private static readonly JsonSerializerOptions Summary = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <exception cref="DirectoryNotFoundException"><see cref="FlywheelExportOptions.From"/> has no <c>examples.jsonl</c>.</exception>
    /// <exception cref="IOException"><see cref="FlywheelExportOptions.Out"/> exists and is not empty, or a file could not be written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static FlywheelExportReport Run(FlywheelExportOptions options)
    {
        options.Validate();
        var from = Path.GetFullPath(options.From);
        var examplesPath = Path.Combine(from, ExamplesFile);
        if (!File.Exists(examplesPath))
        {
            throw new DirectoryNotFoundException($"No {ExamplesFile} in '{from}' (the server's Server:FlywheelFolder).");
        }

        var outDir = Path.GetFullPath(options.Out);
        if (File.Exists(outDir) || (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any()))
        {
            throw new IOException($"'{outDir}' exists and is not an empty folder; export into a new one.");
        }

        Directory.CreateDirectory(outDir);
        var skipped = new List<string>();
        var seenEvents = new HashSet<(string, string)>();
        var seenFrames = new HashSet<string>(StringComparer.Ordinal);
        var carts = new Dictionary<string, string>(StringComparer.Ordinal);
        var perProduct = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var perStage = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var (examples, images, duplicateExamples, duplicateFrames, withoutFrames) = (0, 0, 0, 0, 0);
        using var manifest = new StreamWriter(Path.Combine(outDir, ManifestFile), append: false, new UTF8Encoding(false));
        var lineNo = 0;

        // First pass: every readable example with its frames' hashes, so a frame labelled as two products is known
        // before anything is written: it teaches the next model nothing but noise, so neither label is exported.
        var accepted = new List<(LabelledExample Example, List<(string Source, string Hash)> Frames)>();
        var labelsOf = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(examplesPath))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var example = Parse(line);
            if ((example is null ? "not a JSON example" : Invalid(example)) is { } why)
            {
                skipped.Add($"line {lineNo}: {why}");
                continue;
            }

            if (!seenEvents.Add((example!.CartId, example.EventId)))
            {
                duplicateExamples++;
                continue;
            }

            var frames = new List<(string Source, string Hash)>();
            foreach (var f in example.Frames)
            {
                var source = Path.GetFullPath(Path.Combine(from, f));
                if (source.StartsWith(from + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(source))
                {
                    var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)));
                    frames.Add((source, hash));
                    if (!labelsOf.TryGetValue(hash, out var labels))
                    {
                        labels = labelsOf[hash] = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    labels.Add(example.ProductId);
                }
            }

            accepted.Add((example, frames));
        }

        var conflicts = labelsOf.Where(kv => kv.Value.Count > 1).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"frame sha256 {kv.Key[..16]}…: labelled {string.Join(", ", kv.Value)}").ToList();
        var conflictingFrames = 0;
        foreach (var (example, found) in accepted)
        {
            var frames = new List<(string Source, string Hash)>();
            foreach (var frame in found)
            {
                if (labelsOf[frame.Hash].Count > 1)
                {
                    conflictingFrames++;
                }
                else if (!seenFrames.Add(frame.Hash))
                {
                    duplicateFrames++;
                }
                else
                {
                    frames.Add(frame);
                }
            }

            if (frames.Count == 0)
            {
                withoutFrames++;
                continue;
            }

            if (!carts.TryGetValue(example.CartId, out var split))
            {
                split = carts[example.CartId] = SplitOf(example.CartId, options.SplitSeed, options.ValFraction);
            }

            var classFolder = Path.Combine(outDir, "images", ExampleFileNames.Safe(example.ProductId));
            Directory.CreateDirectory(classFolder);
            for (var i = 0; i < frames.Count; i++)
            {
                var name = ExampleFileNames.Frame(example.CartId, example.EventId, i);
                File.Copy(frames[i].Source, Path.Combine(classFolder, name));
                manifest.WriteLine(JsonSerializer.Serialize(new ManifestLine(
                    $"images/{ExampleFileNames.Safe(example.ProductId)}/{name}", example.ProductId, example.Type, example.WeightDeltaGrams, example.Stage,
                    example.CartId, example.EventId, split, frames[i].Hash), Lines));
                images++;
            }

            examples++;
            Bump(perStage, example.Stage);
            if (!perProduct.TryGetValue(split, out var products))
            {
                products = perProduct[split] = new SortedDictionary<string, int>(StringComparer.Ordinal);
            }

            Bump(products, example.ProductId);
        }

        var report = new FlywheelExportReport
        {
            Examples = examples,
            Images = images,
            SkippedLines = skipped,
            DuplicateExamples = duplicateExamples,
            DuplicateFrames = duplicateFrames,
            WithoutFrames = withoutFrames,
            ConflictingFrames = conflictingFrames,
            ConflictingLabels = conflicts,
            Carts = new SortedDictionary<string, int>(carts.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal),
            PerProduct = perProduct,
            PerStage = perStage,
        };
        File.WriteAllText(Path.Combine(outDir, SummaryFile), JsonSerializer.Serialize(report, Summary));
        return report;
    }

    /// <summary>A cart's split: <c>val</c> when SHA-256 of seed and cart id, read as a fraction, is under <paramref name="valFraction"/>.</summary>
    public static string SplitOf(string cartId, int seed, double valFraction)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{cartId}"));
        var u = BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue;
        return u < valFraction ? "val" : "train";
    }

    private static LabelledExample? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<LabelledExample>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Invalid(LabelledExample e) =>
        e.Version != LabelledExample.CurrentVersion ? $"format version {e.Version}, expected {LabelledExample.CurrentVersion}"
        : string.IsNullOrWhiteSpace(e.CartId) || string.IsNullOrWhiteSpace(e.EventId) || string.IsNullOrWhiteSpace(e.ProductId) ? "an id is empty"
        : e.Type is not ("add" or "remove") ? $"type '{e.Type}' is neither add nor remove"
        : e.Frames is null ? "no frames list"
        : null;

    private static void Bump(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private sealed record ManifestLine(
        [property: JsonPropertyName("image")] string Image,
        [property: JsonPropertyName("product_id")] string ProductId,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("weight_delta_g")] double? WeightDeltaGrams,
        [property: JsonPropertyName("stage")] string Stage,
        [property: JsonPropertyName("cart_id")] string CartId,
        [property: JsonPropertyName("event_id")] string EventId,
        [property: JsonPropertyName("split")] string Split,
        [property: JsonPropertyName("sha256")] string Sha256);
}
