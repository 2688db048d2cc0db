using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Runtimes.Llama;
using BasketReasoner.Generation.Sampling;
using BasketReasoner.Generation.Tokenization;
using Xunit.Abstractions;

namespace BasketReasoner.Generation.Tests.Runtimes;

/// <summary>
/// The trained VLM's GGUF files (models/training/vlm/export_gguf.py) run by llama.cpp through LLamaSharp, against the
/// PyTorch fixtures in models/vlm/parity and against the own ONNX engine on the same weights.
/// </summary>
public sealed class LlamaRuntimeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Vlm = Path.Combine(TestModels.RepoRoot, "models", "vlm");
    private static readonly System.Text.Json.JsonElement Parity = TestModels.Parity(Vlm);
    private readonly List<IDisposable> _open = [];

    private static int[] InputIds => Parity.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int[] Greedy => Parity.GetProperty("greedy_tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static float[] Fixture(string name) => TestModels.ReadF32(Path.Combine(Vlm, "parity", name));

    private GenerationEngine Open(GenerationRuntime runtime, GgufQuantization type = GgufQuantization.F32, string? ggufPath = null, string? folder = null)
    {
        var engine = GenerationEngine.Open(folder ?? Vlm, new EngineOptions { Runtime = runtime, GgufQuantization = type, GgufPath = ggufPath, MaxSequenceLength = 128 });
        _open.Add(engine);
        return engine;
    }

    private LlamaLogitsSource Llama(GgufQuantization type = GgufQuantization.F32) => (LlamaLogitsSource)Open(GenerationRuntime.Llama, type).Source;

    private static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    private static double ArgMaxAgreement(float[] a, float[] b, int vocab)
    {
        int rows = a.Length / vocab, same = 0;
        for (int r = 0; r < rows; r++)
        {
            if (TokenSampler.ArgMax(a.AsSpan(r * vocab, vocab)) == TokenSampler.ArgMax(b.AsSpan(r * vocab, vocab))) same++;
        }

        return (double)same / rows;
    }

    [Fact]
    public void Prefill_F32Gguf_AllPositionsMatchPyTorchWithin1e3()
    {
        var source = Llama();
        var logits = source.AppendAll(InputIds, Fixture("image_features.f32"));
        float diff = MaxAbsDiff(logits, Fixture("prefill_logits.f32"));
        output.WriteLine($"f32 GGUF prefill ({InputIds.Length} positions) vs PyTorch: max |diff| {diff:E2}");
        Assert.True(diff <= 1e-3f, $"max abs diff {diff}");
    }

    [Fact]
    public void Decode_F32Gguf_StepLogitsAndGreedyTokensMatchPyTorch()
    {
        var source = Llama();
        var last = source.Append(InputIds, Fixture("image_features.f32")).ToArray();
        var steps = Fixture("step_logits.f32");
        int vocab = source.VocabSize;
        var ours = new List<int>();
        float worst = 0;
        foreach (var (token, i) in Greedy.Select((t, i) => (t, i)))
        {
            ours.Add(TokenSampler.ArgMax(last));
            last = source.Append([token]).ToArray();
            worst = Math.Max(worst, MaxAbsDiff(last, steps.AsSpan(i * vocab, vocab)));
        }

        output.WriteLine($"f32 GGUF {Greedy.Length} decode steps vs PyTorch: max |diff| {worst:E2}");
        Assert.True(worst <= 1e-3f, $"max abs diff {worst}");
        Assert.Equal(Greedy, ours);
    }

    [Fact]
    public void ImageEmbeddings_ThroughBatchEmbeddings_MatchOrtEngineLogits()
    {
        var llama = Llama();
        var ort = (OnnxLogitsSource)Open(GenerationRuntime.Ort).Source;
        var features = Fixture("image_features.f32");
        var a = llama.AppendAll(InputIds, features);
        var b = ort.AppendAll(InputIds, features);
        float diff = MaxAbsDiff(a, b);
        output.WriteLine($"llama.cpp (image rows via LLamaBatchEmbeddings) vs ONNX engine, prefill: max |diff| {diff:E2}");
        Assert.True(diff <= 1e-3f, $"max abs diff {diff}");

        // The image rows matter: the same prompt with the placeholders' own token embeddings gives other logits.
        llama.Truncate(0);
        var plain = llama.AppendAll(InputIds);
        Assert.True(MaxAbsDiff(plain.AsSpan(^llama.VocabSize..), a.AsSpan(^llama.VocabSize..)) > 1e-2f);
    }

    [Fact]
    public void Truncate_ThenReappend_ReproducesLogits()
    {
        var source = Llama();
        source.Append(InputIds, Fixture("image_features.f32"));
        int keep = source.Length;
        var first = source.Append(Greedy.AsSpan(0, 3)).ToArray();
        source.Append(Greedy.AsSpan(3, 4));
        source.Truncate(keep);
        Assert.Equal(keep, source.Length);
        var again = source.Append(Greedy.AsSpan(0, 3)).ToArray();
        Assert.True(MaxAbsDiff(first, again) <= 1e-5f);
    }

    [Theory]
    [InlineData(GgufQuantization.F16, 0.02f, 1.0)]
    [InlineData(GgufQuantization.Q8_0, 0.2f, 1.0)]
    [InlineData(GgufQuantization.Q4_0, 2.0f, 0.8)]
    public void QuantizedGguf_PrefillDriftAndGreedyAgreement_WithinBounds(GgufQuantization type, float maxDrift, double minAgreement)
    {
        var source = Llama(type);
        var reference = Fixture("prefill_logits.f32");
        var logits = source.AppendAll(InputIds, Fixture("image_features.f32"));
        float drift = MaxAbsDiff(logits, reference);
        double agreement = ArgMaxAgreement(logits, reference, source.VocabSize);
        var continuation = new List<int>();
        var last = logits.AsSpan(^source.VocabSize..).ToArray();
        for (int i = 0; i < Greedy.Length; i++)
        {
            continuation.Add(TokenSampler.ArgMax(last));
            last = source.Append([continuation[^1]]).ToArray();
        }

        output.WriteLine($"{type}: prefill max |drift| vs PyTorch {drift:F4}, argmax agreement {agreement:P1} of {InputIds.Length} positions, greedy {string.Join(",", continuation)} (PyTorch {string.Join(",", Greedy)})");
        Assert.True(drift <= maxDrift, $"drift {drift}");
        Assert.True(agreement >= minAgreement, $"agreement {agreement}");
    }

    [Fact]
    public void CandidateScores_ParityPrompt_SameChoiceAsOrtEngine()
    {
        var llama = Llama();
        var ortEngine = Open(GenerationRuntime.Ort);
        var ort = ortEngine.Source;
        var features = Fixture("image_features.f32");
        string[] candidates = ["Arla Mjölk 3%", "Arla Skimmed milk 1,5%", "Garant Standardmjölk Ekologisk 3%", "Oatly Havredryck Berikad Färsk", "Arla Mild Yoghurt Vanilla"];
        var tokenizer = ModelTokenizer.Load(Path.Combine(Vlm, "tokenizer.json"), 1324, [2]);
        var sequences = candidates.Select(c => tokenizer.Encode(c).Append(2).ToArray()).ToList();
        var (a, _) = CandidateScorer.Score(llama, llama.Append(InputIds, features), sequences);
        var (b, _) = CandidateScorer.Score(ort, ort.Append(InputIds, features), sequences);
        output.WriteLine("log-probs llama.cpp f32 / ONNX: " + string.Join("; ", candidates.Select((c, i) => $"{c} {a[i]:F4} / {b[i]:F4}")));
        Assert.Equal(Array.IndexOf(b, b.Max()), Array.IndexOf(a, a.Max()));
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 2);
    }

    [Fact]
    public void Open_LlamaRuntime_NeedsNoOnnxDecoder()
    {
        var dir = TestModels.CopyToTemp(Vlm);
        try
        {
            foreach (var f in Directory.GetFiles(dir, "decoder_model*.onnx").Append(Path.Combine(dir, ModelFolder.EmbedFile))) File.Delete(f);
            using var engine = GenerationEngine.Open(dir, new EngineOptions { Runtime = GenerationRuntime.Llama, MaxSequenceLength = 64 });
            Assert.Equal(1324, engine.Source.Append(InputIds, Fixture("image_features.f32")).Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("truncated")]
    [InlineData("magic")]
    [InlineData("empty")]
    public void Open_BadGguf_OneInvalidModelExceptionNamingTheFile(string fault)
    {
        var dir = Path.Combine(Path.GetTempPath(), "basket-gguf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "broken.gguf");
        try
        {
            var good = File.ReadAllBytes(Path.Combine(Vlm, GgufFile.FileName(GgufQuantization.Q8_0)));
            switch (fault)
            {
                case "truncated": File.WriteAllBytes(path, good[..(good.Length / 2)]); break;
                case "magic": good[0] = (byte)'X'; File.WriteAllBytes(path, good); break;
                case "empty": File.WriteAllBytes(path, []); break;
            }

            var e = Assert.Throws<InvalidModelException>(() => Open(GenerationRuntime.Llama, ggufPath: path));
            output.WriteLine(e.Message);
            Assert.Contains("broken.gguf", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    public void Dispose()
    {
        foreach (var d in _open) d.Dispose();
    }
}
