using System.Text.Json;
using BasketReasoner.Core.Vision;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Detection;

namespace BasketReasoner.Tests.Vision;

/// <summary>
/// The C# detector path against PyTorch's outputs for the exported checkpoint (models/detector/parity, written by
/// models/training/detector/export_detector.py): same input tensor → same maps, and the same decoded boxes.
/// </summary>
public sealed class DetectorParityTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "models", "detector");

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load().RootElement.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "parity", "parity.json")));

    private static float[] Floats(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "parity", name));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RunTensor_SameInputAsPyTorch_MapsMatchWithinTolerance(int index)
    {
        using var doc = Load();
        var tolerance = doc.RootElement.GetProperty("tolerance").GetSingle();
        var c = doc.RootElement.GetProperty("cases")[index];
        using var detector = new OnnxItemDetector(Folder);
        var g = detector.Card.GridSize;
        var scores = new float[g * g];
        var ltrb = new float[4 * g * g];

        detector.RunTensor(Floats(c.GetProperty("input").GetString()!), scores, ltrb);

        var expectedScores = Floats(c.GetProperty("scores").GetString()!);
        var expectedLtrb = Floats(c.GetProperty("ltrb").GetString()!);
        Assert.Equal(expectedScores.Length, scores.Length);
        Assert.Equal(expectedLtrb.Length, ltrb.Length);
        Assert.All(Enumerable.Range(0, scores.Length), i => Assert.InRange(MathF.Abs(scores[i] - expectedScores[i]), 0, tolerance));
        // Distances are in input pixels (tens): compare relative to their scale.
        Assert.All(Enumerable.Range(0, ltrb.Length), i => Assert.InRange(MathF.Abs(ltrb[i] - expectedLtrb[i]), 0, tolerance * MathF.Max(1, MathF.Abs(expectedLtrb[i]))));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DetectTensor_SameInputAsPyTorch_SameBoxesAfterNms(int index)
    {
        using var doc = Load();
        var c = doc.RootElement.GetProperty("cases")[index];
        using var detector = new OnnxItemDetector(Folder);
        var s = detector.Card.InputSize;
        var found = new List<ItemDetection>();

        detector.DetectTensor(Floats(c.GetProperty("input").GetString()!), s, s, found);

        // PyTorch's decode does not clip; the runtime clips to the frame, so compare clipped boxes.
        var expected = c.GetProperty("boxes").EnumerateArray()
            .Select(b => b.EnumerateArray().Select(v => Math.Clamp(v.GetSingle(), 0, s)).ToArray())
            .Select(v => new ItemBox(v[0], v[1], v[2], v[3]))
            .Where(b => b.Area > 0)
            .ToArray();
        Assert.Equal(expected.Length, found.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(found[i].Box.IoU(expected[i]) > 0.99f, $"box {i}: {found[i].Box} vs {expected[i]}");
        }
    }
}
