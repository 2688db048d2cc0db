using System.Text.Json;
using BasketReasoner.Core.Flywheel;
using BasketReasoner.Eval.Flywheel;

namespace BasketReasoner.Tests.Flywheel;

public sealed class FlywheelExportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-export-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Run_ManyCarts_SplitsByCartDeterministically()
    {
        var from = Examples(Enumerable.Range(0, 40).SelectMany(c => Enumerable.Range(0, 3).Select(e => Example($"cart-{c}", $"e{e}", c % 2 == 0 ? "Granny-Smith" : "Anjou"))));

        var first = Manifest(Export(from, "out1", seed: 5, valFraction: 0.25));
        var second = Manifest(Export(from, "out2", seed: 5, valFraction: 0.25));
        var otherSeed = Manifest(Export(from, "out3", seed: 6, valFraction: 0.25));

        Assert.Equal(120, first.Count);
        Assert.Equal(first.Select(m => (m.Cart, m.Split)), second.Select(m => (m.Cart, m.Split)));
        // Every cart lies wholly in one split, both splits are used, and another seed splits differently.
        Assert.All(first.GroupBy(m => m.Cart), g => Assert.Single(g.Select(m => m.Split).Distinct()));
        var valCarts = first.Where(m => m.Split == "val").Select(m => m.Cart).Distinct().Count();
        Assert.InRange(valCarts, 3, 20);
        Assert.NotEqual(first.Select(m => m.Split), otherSeed.Select(m => m.Split));
        Assert.All(first, m => Assert.True(File.Exists(Path.Combine(_root, "out1", m.Image)), m.Image));
        Assert.All(first, m => Assert.StartsWith($"images/{m.Product}/", m.Image));
    }

    [Fact]
    public void Run_CorruptAndDuplicateLines_SkipsAndReportsThem()
    {
        var from = Examples([Example("cart-a", "e1", "Granny-Smith"), Example("cart-a", "e2", "Anjou")]);
        var good = File.ReadAllLines(Path.Combine(from, "examples.jsonl"));
        File.WriteAllLines(Path.Combine(from, "examples.jsonl"),
            [good[0], "{not json", good[0], """{"v":1,"cart_id":"c","event_id":"e","type":"sideways","product_id":"p","stage":"shopper","frames":[]}""", good[1],
             """{"v":1,"cart_id":"c","event_id":"gone","type":"add","product_id":"p","stage":"cloud","frames":["frames/missing.jpg"]}"""]);

        var report = FlywheelExport.Run(new FlywheelExportOptions { From = from, Out = Path.Combine(_root, "out") });

        Assert.Equal(2, report.Examples);
        Assert.Equal(["line 2: not a JSON example", "line 4: type 'sideways' is neither add nor remove"], report.SkippedLines);
        Assert.Equal(1, report.DuplicateExamples);
        Assert.Equal(1, report.WithoutFrames);
        Assert.Equal(2, report.PerStage["shopper"]);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "out", FlywheelExport.SummaryFile))).RootElement;
        Assert.Equal(2, summary.GetProperty("skipped_lines").GetArrayLength());
    }

    [Fact]
    public void Run_SameFrameBytesTwice_ExportsTheImageOnce()
    {
        var from = Examples([Example("cart-a", "e1", "Granny-Smith", bytes: [1, 2, 3]), Example("cart-b", "e1", "Granny-Smith", bytes: [1, 2, 3])]);

        var report = FlywheelExport.Run(new FlywheelExportOptions { From = from, Out = Path.Combine(_root, "out") });

        Assert.Equal((1, 1, 1), (report.Examples, report.Images, report.DuplicateFrames));
    }

    [Fact]
    public void Run_SameFrameLabelledAsTwoProducts_NeitherExportedAndReported()
    {
        var from = Examples([
            Example("cart-a", "e1", "Granny-Smith", bytes: [7, 7, 7]),
            Example("cart-b", "e1", "Pink-Lady", bytes: [7, 7, 7]),
            Example("cart-c", "e1", "Granny-Smith", bytes: [8, 8, 8])]);

        var report = FlywheelExport.Run(new FlywheelExportOptions { From = from, Out = Path.Combine(_root, "out") });

        Assert.Equal((1, 1, 2, 0), (report.Examples, report.Images, report.ConflictingFrames, report.DuplicateFrames));
        var conflict = Assert.Single(report.ConflictingLabels);
        Assert.EndsWith("labelled Granny-Smith, Pink-Lady", conflict);
        Assert.Equal(["cart-c"], Manifest(Path.Combine(_root, "out")).Select(m => m.Cart));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "out", FlywheelExport.SummaryFile))).RootElement;
        Assert.Equal(2, summary.GetProperty("conflicting_frames").GetInt32());
    }

    [Fact]
    public void Run_IdsThatJoinAlikeAcrossCarts_EachImageItsOwnFile()
    {
        // Cart "a" event "1-x" and cart "a-1" event "x" both made "a-1-x-0.jpg": the export stopped half-written.
        var first = Example("a", "1-x", "Banana");
        var second = Example("a-1", "x", "Banana");
        second = (second.Example with { Frames = ["frames/second-0.jpg"] }, second.Bytes);
        var from = Examples([first, second]);

        var report = FlywheelExport.Run(new FlywheelExportOptions { From = from, Out = Path.Combine(_root, "out") });

        Assert.Equal((2, 2), (report.Examples, report.Images));
        Assert.Equal(2, Manifest(Path.Combine(_root, "out")).Select(m => m.Image).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Run_NoExamplesFile_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => FlywheelExport.Run(new FlywheelExportOptions { From = Path.Combine(_root, "nowhere"), Out = Path.Combine(_root, "out") }));
    }

    private string Export(string from, string name, int seed, double valFraction)
    {
        FlywheelExport.Run(new FlywheelExportOptions { From = from, Out = Path.Combine(_root, name), SplitSeed = seed, ValFraction = valFraction });
        return Path.Combine(_root, name);
    }

    private static List<(string Image, string Product, string Cart, string Split)> Manifest(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, FlywheelExport.ManifestFile)).Select(l => JsonDocument.Parse(l).RootElement).Select(e => (
            e.GetProperty("image").GetString()!, e.GetProperty("product_id").GetString()!, e.GetProperty("cart_id").GetString()!, e.GetProperty("split").GetString()!))];

    private static (LabelledExample Example, byte[] Bytes) Example(string cart, string eventId, string product, byte[]? bytes = null) =>
        (new LabelledExample
        {
            CartId = cart, EventId = eventId, Type = "add", ProductId = product, Stage = "shopper", WeightDeltaGrams = 180,
            Frames = [$"frames/{cart}-{eventId}-0.jpg"], At = DateTimeOffset.UnixEpoch,
        }, bytes ?? System.Text.Encoding.UTF8.GetBytes($"jpeg of {cart} {eventId}"));

    private string Examples(IEnumerable<(LabelledExample Example, byte[] Bytes)> examples)
    {
        var from = Path.Combine(_root, "from");
        Directory.CreateDirectory(Path.Combine(from, "frames"));
        using var writer = new StreamWriter(Path.Combine(from, "examples.jsonl"));
        foreach (var (example, bytes) in examples)
        {
            File.WriteAllBytes(Path.Combine(from, example.Frames[0]), bytes);
            writer.WriteLine(JsonSerializer.Serialize(example));
        }

        return from;
    }
}
