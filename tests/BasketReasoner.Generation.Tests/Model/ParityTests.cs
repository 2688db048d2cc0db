using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;

namespace BasketReasoner.Generation.Tests.Model;

/// <summary>
/// C# engine vs the PyTorch reference (fixtures written by models/training/vlm/make_parity_fixtures.py), for every
/// model folder in the checkout that has a parity/ folder: the tiny random test model always, the trained one once exported.
/// </summary>
public sealed class ParityTests : IDisposable
{
    private GenerationEngine _engine = null!;
    private System.Text.Json.JsonElement _parity;
    private string _model = "";

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var model in Folders()) data.Add(model);
        return data;
    }

    private static IEnumerable<string> Folders() =>
        new[] { TestModels.Tiny, Path.Combine(TestModels.RepoRoot, "models", "vlm") }
            .Where(dir => File.Exists(Path.Combine(dir, "parity", "parity.json")) && File.Exists(Path.Combine(dir, "config.json")))
            .Select(dir => Path.GetRelativePath(TestModels.RepoRoot, dir));

    public static TheoryData<string> Int8Models()
    {
        var data = new TheoryData<string>();
        foreach (var model in Folders())
        {
            if (File.Exists(Path.Combine(TestModels.RepoRoot, model, ModelFolder.DecoderInt8File))) data.Add(model);
        }

        return data;
    }

    private void Open(string model)
    {
        _model = Path.Combine(TestModels.RepoRoot, model);
        _engine = GenerationEngine.Open(_model);
        _parity = TestModels.Parity(_model);
    }

    private int[] InputIds => _parity.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private int[] Greedy => _parity.GetProperty("greedy_tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private float[] Fixture(string name) => TestModels.ReadF32(Path.Combine(_model, "parity", name));

    private static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EncodePrompt_ParityPrompt_SameIdsAsPython(string model)
    {
        Open(model);
        // The fixture prompt is the rendered template ("<bos>" + user + generation prompt) for one image.
        var prompt = _parity.GetProperty("prompt").GetString()!;
        var user = prompt["<bos><|user|>\n<image>".Length..prompt.IndexOf("<|end|>", StringComparison.Ordinal)];
        var messages = new[] { new PromptMessage(PromptRole.User, user, [new byte[] { 1 }]) };
        Assert.Equal(InputIds, _engine.EncodePrompt(messages));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void VisionEncoder_FixturePixels_MatchesPyTorch(string model)
    {
        Open(model);
        var features = _engine.Images!.EncodePixels(Fixture("pixel_values.f32"));
        Assert.True(MaxAbsDiff(features, Fixture("image_features.f32")) <= 1e-3f);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Prefill_AllPositions_MatchPyTorchWithin1e3(string model)
    {
        Open(model);
        var source = (OnnxLogitsSource)_engine.Source;
        source.Truncate(0);
        var logits = source.AppendAll(InputIds, Fixture("image_features.f32"));
        float diff = MaxAbsDiff(logits, Fixture("prefill_logits.f32"));
        Assert.True(diff <= 1e-3f, $"max abs diff {diff}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Decode_GreedyWithKvCache_LogitsAndTokensMatchPyTorch(string model)
    {
        Open(model);
        var source = (OnnxLogitsSource)_engine.Source;
        source.Truncate(0);
        var last = source.Append(InputIds, Fixture("image_features.f32")).ToArray();
        var steps = Fixture("step_logits.f32");
        int vocab = source.VocabSize;
        var greedy = Greedy;
        var ours = new List<int>();
        for (int i = 0; i < greedy.Length; i++)
        {
            int token = BasketReasoner.Generation.Sampling.TokenSampler.ArgMax(last);
            ours.Add(token);
            last = source.Append([greedy[i]]).ToArray();
            float diff = MaxAbsDiff(last, steps.AsSpan(i * vocab, vocab));
            Assert.True(diff <= 1e-3f, $"step {i}: max abs diff {diff}");
        }

        Assert.Equal(greedy, ours);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Decode_KvCache_EqualsFullRecompute(string model)
    {
        Open(model);
        var source = (OnnxLogitsSource)_engine.Source;
        var features = Fixture("image_features.f32");
        var sequence = InputIds.Concat(Greedy).ToArray();
        source.Truncate(0);
        var full = source.AppendAll(sequence, features);
        source.Truncate(0);
        source.Append(InputIds, features);
        int vocab = source.VocabSize;
        for (int i = 0; i < Greedy.Length; i++)
        {
            var step = source.Append([Greedy[i]]);
            Assert.True(MaxAbsDiff(step, full.AsSpan((InputIds.Length + i) * vocab, vocab)) <= 1e-4f, $"step {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void DecodeStep_CachedViewsPath_EqualsBindingPath(string model)
    {
        // Append of one token runs Run over cached views; AppendAll of one token takes the IoBinding path
        Open(model);
        var source = (OnnxLogitsSource)_engine.Source;
        var features = Fixture("image_features.f32");
        source.Truncate(0);
        source.Append(InputIds, features);
        int keep = source.Length;
        var viaBinding = new List<float[]>();
        foreach (var t in Greedy[..4]) viaBinding.Add(source.AppendAll([t]));
        for (int round = 0; round < 2; round++) // the second round reuses every cached view
        {
            source.Truncate(keep);
            for (int i = 0; i < 4; i++)
            {
                var step = source.Append([Greedy[i]]);
                Assert.True(MaxAbsDiff(step, viaBinding[i]) <= 1e-6f, $"round {round} step {i}");
            }
        }
    }

    [Fact]
    public void FusedDecoder_MatchesPlainExport_PrefillAndDecode()
    {
        // optimize_decoder.py keeps the plain torch export next to the fused graph; both must compute the same model
        var trained = Path.Combine(TestModels.RepoRoot, "models", "vlm");
        var plainFile = Path.Combine(trained, "decoder_model_plain.onnx");
        Assert.True(File.Exists(plainFile), "optimize_decoder.py keeps decoder_model_plain.onnx in models/vlm");
        var plainDir = TestModels.CopyToTemp(trained);
        try
        {
            File.Copy(plainFile, Path.Combine(plainDir, ModelFolder.DecoderFile), overwrite: true);
            Open(Path.GetRelativePath(TestModels.RepoRoot, trained));
            using var plain = GenerationEngine.Open(plainDir);
            var fused = (OnnxLogitsSource)_engine.Source;
            var reference = (OnnxLogitsSource)plain.Source;
            var features = Fixture("image_features.f32");
            fused.Truncate(0);
            reference.Truncate(0);
            Assert.True(MaxAbsDiff(fused.AppendAll(InputIds, features), reference.AppendAll(InputIds, features)) <= 1e-4f, "prefill");
            foreach (var t in Greedy)
            {
                Assert.True(MaxAbsDiff(fused.Append([t]).ToArray(), reference.Append([t]).ToArray()) <= 1e-4f, $"token {t}");
            }
        }
        finally
        {
            Directory.Delete(plainDir, true);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Truncate_ThenReappend_ReproducesLogits(string model)
    {
        Open(model);
        var source = (OnnxLogitsSource)_engine.Source;
        source.Truncate(0);
        source.Append(InputIds, Fixture("image_features.f32"));
        int keep = source.Length;
        var first = source.Append(Greedy.AsSpan(0, 3)).ToArray();
        source.Append(Greedy.AsSpan(3, 4));
        source.Truncate(keep);
        var again = source.Append(Greedy.AsSpan(0, 3)).ToArray();
        Assert.True(MaxAbsDiff(first, again) <= 1e-5f);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task GenerateTextAsync_Greedy_TokenIdenticalToPyTorch(string model)
    {
        Open(model);
        // The same conversation through the public API, with the fixture's features standing in for the image.
        var source = (OnnxLogitsSource)_engine.Source;
        var loop = new DecodingLoop(source, _engine.Vocabulary);
        var tokens = loop.Run(InputIds, Fixture("image_features.f32"), new GenerationOptions { MaxNewTokens = Greedy.Length }, CancellationToken.None)
            .Where(u => u.TokenId >= 0).Select(u => u.TokenId).ToList();
        var greedy = Greedy;
        int end = Array.IndexOf(greedy, 2);
        Assert.Equal(end >= 0 ? greedy[..end] : greedy, tokens);
        await Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Int8Models))]
    public void Int8Decoder_LoadsAndStaysClose(string model)
    {
        Open(model);
        using var int8 = GenerationEngine.Open(_model, new EngineOptions { UseInt8Decoder = true });
        var source = (OnnxLogitsSource)int8.Source;
        var logits = source.AppendAll(InputIds, Fixture("image_features.f32"));
        Assert.Equal(Fixture("prefill_logits.f32").Length, logits.Length);
        Assert.True(logits.All(float.IsFinite));
    }

    public void Dispose() => _engine?.Dispose();
}
