using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Tests.Vision;

/// <summary>
/// The int8 graph (<c>recognizer.int8.onnx</c>, quantization-aware weights taught by the float32 model) against the
/// float32 export's PyTorch outputs on the committed parity inputs: quantization may move the numbers, and may swap
/// near ties (the first fixture's top three are 0.20 / 0.18 / 0.18), but not a confident decision. And which graph
/// runs when none is named: the folder's <c>default_precision</c>.
/// </summary>
public sealed class RecognizerPrecisionTests
{
    public static TheoryData<int> Cases() => OnnxParityTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecognizeTensor_Int8_ConfidentTop1KeptNearTiesStayNearAndEmbeddingClose(int index)
    {
        var c = OnnxParityTests.Load().Cases[index];
        using var recognizer = new OnnxProductRecognizer(RepoPaths.RecognizerFolder, new OnnxRecognizerOptions { Precision = RecognizerPrecision.Int8 });

        var (probs, emb) = OnnxParityTests.RecognizeInput(recognizer, "recognizer", c);

        Assert.Equal(RecognizerPrecision.Int8, recognizer.Precision);
        var float32Top = Array.IndexOf(c.Probs, c.Probs.Max());
        var int8Top = Array.IndexOf(probs, probs.Max());
        if (c.Probs.Max() >= 0.5f)
        {
            Assert.Equal(float32Top, int8Top);
        }
        else
        {
            Assert.True(c.Probs.Max() - c.Probs[int8Top] <= 0.05f, $"int8 chose {int8Top} (float32 p {c.Probs[int8Top]:F3}) over {float32Top} ({c.Probs.Max():F3})");
        }

        var cosine = emb.Zip(c.Embedding, (a, b) => a * b).Sum();
        Assert.True(cosine > 0.95, $"int8 embedding cosine to float32 was {cosine:F3}");
        Assert.InRange(probs.Sum(), 0.999f, 1.001f);
    }

    /// <summary>
    /// The int8 graph against the simulation its weights were trained under (<c>qat_recognizer.py</c>'s QuantSim, fixtures
    /// by <c>int8_parity.py</c>): ONNX Runtime's integer kernels may round a requantization differently, nothing more
    /// (measured when written: probabilities within 0.0031, embedding cosine ≥ 0.99995; a range on the wrong Conv
    /// moves them by far more).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void RecognizeTensor_Int8_MatchesTheQuantizationAwareSimulation(int index)
    {
        var c = OnnxParityTests.Load(file: "parity-int8.json").Cases[index];
        using var recognizer = new OnnxProductRecognizer(RepoPaths.RecognizerFolder, new OnnxRecognizerOptions { Precision = RecognizerPrecision.Int8 });

        var (probs, emb) = OnnxParityTests.RecognizeInput(recognizer, "recognizer", c);

        var maxProbDiff = probs.Zip(c.Probs, (a, b) => Math.Abs(a - b)).Max();
        var cosine = emb.Zip(c.Embedding, (a, b) => a * b).Sum();
        Assert.True(maxProbDiff <= 0.01f, $"int8 graph vs simulation: max probability difference {maxProbDiff:F4}");
        Assert.True(cosine >= 0.999f, $"int8 graph vs simulation: embedding cosine {cosine:F5}");
        Assert.Equal(Array.IndexOf(c.Probs, c.Probs.Max()), Array.IndexOf(probs, probs.Max()));
    }

    [Fact]
    public void Constructor_Int8GraphMissing_ThrowsNamingFileAndHowToWriteIt()
    {
        using var folder = FolderWithCard(_ => { }, withInt8: false);

        var error = Assert.Throws<FileNotFoundException>(() => new OnnxProductRecognizer(folder.Path, new OnnxRecognizerOptions { Precision = RecognizerPrecision.Int8 }));

        Assert.Contains(RecognizerModelCard.Int8ModelFileName, error.Message);
        Assert.Contains("quantize_recognizer.py", error.Message);
        using var float32 = new OnnxProductRecognizer(folder.Path, new OnnxRecognizerOptions { Precision = RecognizerPrecision.Float32 });
        Assert.Equal(RecognizerPrecision.Float32, float32.Precision);
    }

    [Fact]
    public void Constructor_NoPrecisionNamed_RunsTheFoldersDefaultPrecision()
    {
        using var shipped = new OnnxProductRecognizer(RepoPaths.RecognizerFolder);

        Assert.Equal(RecognizerModelCard.Load(RepoPaths.RecognizerFolder).DefaultPrecision, shipped.Precision);
        Assert.Equal(RecognizerPrecision.Int8, shipped.Precision);
        Assert.Equal("recognizer/recognizer.int8.onnx (int8, one view)", shipped.Graph);
    }

    [Fact]
    public void Constructor_CardWithoutDefaultPrecision_RunsFloat32()
    {
        using var folder = FolderWithCard(card => card.Remove("default_precision"));

        using var recognizer = new OnnxProductRecognizer(folder.Path);

        Assert.Equal(RecognizerPrecision.Float32, recognizer.Precision);
    }

    [Fact]
    public void Load_UnknownDefaultPrecision_ThrowsNamingTheValue()
    {
        using var folder = FolderWithCard(card => card["default_precision"] = "fp16");

        var error = Assert.Throws<InvalidDataException>(() => RecognizerModelCard.Load(folder.Path));

        Assert.Contains("default_precision", error.Message);
        Assert.Contains("'fp16'", error.Message);
    }

    [Fact]
    public void Constructor_DefaultInt8GraphMissing_ThrowsNamingTheCardsDefault()
    {
        using var folder = FolderWithCard(card => card["default_precision"] = "int8", withInt8: false);

        var error = Assert.Throws<FileNotFoundException>(() => new OnnxProductRecognizer(folder.Path));

        Assert.Contains(RecognizerModelCard.Int8ModelFileName, error.Message);
        Assert.Contains("default_precision", error.Message);
    }

    [Theory]
    [InlineData("default", null)]
    [InlineData("float32", RecognizerPrecision.Float32)]
    [InlineData("int8", RecognizerPrecision.Int8)]
    public void ParseChoice_EachName_GivesItsPrecisionOrTheFolders(string name, RecognizerPrecision? expected)
    {
        Assert.Equal(expected, RecognizerPrecisionNames.ParseChoice(name));
    }

    /// <summary>
    /// A temporary recognizer folder, deleted on dispose: <c>recognizer.json</c> edited, the shipped float32 graph
    /// linked, and the int8 graph too unless <paramref name="withInt8"/> is false.
    /// </summary>
    private static TempFolder FolderWithCard(Action<System.Text.Json.Nodes.JsonObject> edit, bool withInt8 = true)
    {
        var folder = new TempFolder(Directory.CreateTempSubdirectory("recognizer-card-").FullName);
        var card = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.RecognizerFolder, RecognizerModelCard.FileName)))!.AsObject();
        edit(card);
        File.WriteAllText(Path.Combine(folder.Path, RecognizerModelCard.FileName), card.ToJsonString());
        var graphs = withInt8 ? new[] { RecognizerModelCard.ModelFileName, RecognizerModelCard.Int8ModelFileName } : [RecognizerModelCard.ModelFileName];
        foreach (var graph in graphs)
        {
            File.CreateSymbolicLink(Path.Combine(folder.Path, graph), Path.Combine(RepoPaths.RecognizerFolder, graph));
        }

        return folder;
    }

    private sealed record TempFolder(string Path) : IDisposable
    {
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    [Fact]
    public void ModelFile_EachPrecision_NamesItsGraph()
    {
        Assert.Equal("recognizer.onnx", RecognizerModelCard.ModelFile(RecognizerPrecision.Float32));
        Assert.Equal("recognizer.int8.onnx", RecognizerModelCard.ModelFile(RecognizerPrecision.Int8));
    }
}
