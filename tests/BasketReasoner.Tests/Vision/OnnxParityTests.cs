using System.Text.Json;
using BasketReasoner.Core.Data;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Tests.Vision;

/// <summary>
/// The C# ONNX Runtime path against PyTorch's own outputs (written by models/training/export_recognizer.py from
/// the checkpoint that was exported; the cloud's ensemble by export_cloud.py from its BatchNorm-folded, float16-rounded
/// members, the weights its graph stores): on the same input tensor the outputs must agree to float precision; from
/// the JPEG, C# decoding and resizing (SkiaSharp) against PIL's must still give the same decision.
/// </summary>
public sealed class OnnxParityTests
{
    /// <summary>The cart's recognizer and the cloud's (two v3 fine-tunes in one graph, weights stored as float16).</summary>
    public static readonly string[] Folders = ["recognizer", "recognizer-cloud"];

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load().Cases.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static TheoryData<string, int> FolderCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var folder in Folders)
        {
            for (var i = 0; i < Load(folder).Cases.Length; i++)
            {
                data.Add(folder, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FolderCases))]
    public void RecognizeTensor_SameInputAsPyTorch_OutputsMatchWithin1e4(string folder, int index)
    {
        var c = Load(folder).Cases[index];
        using var recognizer = new OnnxProductRecognizer(ModelFolder(folder), new OnnxRecognizerOptions { MirrorAveraging = false, Precision = RecognizerPrecision.Float32 });

        var (probs, emb) = RecognizeInput(recognizer, folder, c);

        Assert.Equal(c.Probs.Length, probs.Length);
        for (var i = 0; i < probs.Length; i++)
        {
            Assert.InRange(Math.Abs(probs[i] - c.Probs[i]), 0, 1e-4);
        }

        for (var i = 0; i < emb.Length; i++)
        {
            Assert.InRange(Math.Abs(emb[i] - c.Embedding[i]), 0, 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(FolderCases))]
    public void Recognize_FromJpeg_SameDecisionAsPyTorchWithPil(string folder, int index)
    {
        var c = Load(folder).Cases[index];
        var image = Path.Combine(DataRoot.ImagesFolder(DataRoot.Resolve()), c.Image);
        using var recognizer = new OnnxProductRecognizer(ModelFolder(folder), new OnnxRecognizerOptions { MirrorAveraging = false, Precision = RecognizerPrecision.Float32 });
        var probs = new float[recognizer.ClassCount];
        var emb = new float[recognizer.EmbeddingDimension];

        recognizer.Recognize(File.ReadAllBytes(image), probs, emb);

        var ours = Array.IndexOf(probs, probs.Max());
        var theirs = Array.IndexOf(c.Probs, c.Probs.Max());
        Assert.Equal(theirs, ours);
        var cosine = emb.Zip(c.Embedding, (a, b) => a * b).Sum();
        Assert.True(cosine > 0.95, $"embedding cosine to PyTorch/PIL was {cosine:F3}");
    }

    /// <summary><paramref name="recognizer"/>'s outputs on the input tensor a fixture case names (PIL's, as PyTorch saw it).</summary>
    internal static (float[] Probs, float[] Embedding) RecognizeInput(OnnxProductRecognizer recognizer, string folder, ParityCase c)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixturesOf(folder), c.Input));
        var input = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, input, 0, bytes.Length);
        var probs = new float[recognizer.ClassCount];
        var emb = new float[recognizer.EmbeddingDimension];
        recognizer.RecognizeTensor(input, probs, emb);
        return (probs, emb);
    }

    internal static ParityFixture Load(string folder = "recognizer", string file = "parity.json") =>
        JsonSerializer.Deserialize<ParityFixture>(File.ReadAllText(Path.Combine(FixturesOf(folder), file)), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static string ModelFolder(string folder) => Path.Combine(Path.GetDirectoryName(RepoPaths.RecognizerFolder)!, folder);

    private static string FixturesOf(string folder) => Path.Combine(ModelFolder(folder), "parity");

    internal sealed record ParityFixture(int Input_Size, ParityCase[] Cases);

    internal sealed record ParityCase(string Image, string Input, float[] Probs, float[] Embedding);
}
