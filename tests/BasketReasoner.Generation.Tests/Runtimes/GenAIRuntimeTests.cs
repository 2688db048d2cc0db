using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Chat;
using BasketReasoner.Generation.Model;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Generation.Tests.Runtimes;

/// <summary>
/// ONNX Runtime GenAI (models/vlm/genai, written by export_genai.py from the trained model) against the own engine on
/// the same weights: logits, greedy tokens and candidate choice agree.
/// </summary>
public sealed class GenAIRuntimeTests : IDisposable
{
    private static readonly PromptMessage[] s_prompt =
        [new(PromptRole.User, "Facts: Arla Mjölk 3% costs 14.90 kr per litre, 1000 ml. Oatly Havredryck is plant based. Question: Is Oatly Havredryck plant based?")];

    private readonly GenerationEngine _ort = GenerationEngine.Open(TestModels.Vlm);
    private readonly GenerationEngine _genai = GenerationEngine.Open(TestModels.Vlm, new EngineOptions { Runtime = GenerationRuntime.GenAI });

    [Fact]
    public void Append_SameTextPrompt_LogitsMatchOwnEngineAtPrefillAndEveryDecodeStep()
    {
        var prompt = _ort.EncodePrompt(s_prompt);
        Assert.Equal(prompt, _genai.EncodePrompt(s_prompt));
        _ort.Source.Truncate(0);
        _genai.Source.Truncate(0);
        var expected = _ort.Source.Append(prompt).ToArray();
        var actual = _genai.Source.Append(prompt).ToArray();
        Assert.True(MaxAbsDiff(expected, actual) <= 1e-3, $"prefill max abs diff {MaxAbsDiff(expected, actual)}");
        for (int step = 0; step < 12; step++)
        {
            int next = ArgMax(expected);
            expected = _ort.Source.Append([next]).ToArray();
            actual = _genai.Source.Append([next]).ToArray();
            Assert.True(MaxAbsDiff(expected, actual) <= 1e-3, $"step {step}: max abs diff {MaxAbsDiff(expected, actual)}");
        }

        Assert.Equal(prompt.Length + 12, _genai.Source.Length);
    }

    [Fact]
    public void Truncate_RewindThenAppend_SameLogitsAsAFreshContext()
    {
        var prompt = _genai.EncodePrompt(s_prompt);
        _genai.Source.Truncate(0);
        var fresh = _genai.Source.Append(prompt).ToArray();
        _genai.Source.Append([ArgMax(fresh), 100, 200]);
        _genai.Source.Truncate(prompt.Length - 3);
        var again = _genai.Source.Append(prompt.AsSpan(prompt.Length - 3)).ToArray();
        Assert.True(MaxAbsDiff(fresh, again) <= 1e-5, $"max abs diff {MaxAbsDiff(fresh, again)}");
    }

    /// <summary>
    /// Appends and truncations as the candidate trie does them (several truncations in a row): GenAI 0.20 corrupts
    /// its cache on back-to-back RewindTo calls, which the source avoids by rewinding once before the next append.
    /// </summary>
    [Fact]
    public void Truncate_SeveralInARowThenAppend_LogitsStillMatchOwnEngine()
    {
        int[][] ops = [[10], [20], [30], [-1], [-1], [40], [-1], [-1], [50], [60], [-1], [-1], [-1], [70], [80], [90], [-3], [11], [12], [-2], [13], [0], [1, 4, 50], [7], [-1], [-1], [9]];
        var prompt = _ort.EncodePrompt(s_prompt);
        _ort.Source.Truncate(0);
        _genai.Source.Truncate(0);
        _ort.Source.Append(prompt);
        _genai.Source.Append(prompt);
        foreach (var op in ops)
        {
            if (op[0] <= 0)
            {
                int to = op[0] == 0 ? 0 : _ort.Source.Length + op[0];
                _ort.Source.Truncate(to);
                _genai.Source.Truncate(to);
                Assert.Equal(_ort.Source.Length, _genai.Source.Length);
                continue;
            }

            var expected = _ort.Source.Append(op).ToArray();
            var actual = _genai.Source.Append(op).ToArray();
            Assert.True(MaxAbsDiff(expected, actual) <= 1e-3, $"after appending {string.Join(",", op)} at length {_ort.Source.Length}: max abs diff {MaxAbsDiff(expected, actual)}");
        }
    }

    [Fact]
    public async Task GenerateTextAsync_Greedy_SameTokensAsOwnEngine()
    {
        var options = new GenerationOptions { MaxNewTokens = 40 };
        var expected = await _ort.GenerateTextAsync(s_prompt, options);
        var actual = await _genai.GenerateTextAsync(s_prompt, options);
        Assert.NotEmpty(expected.TokenIds);
        Assert.Equal(expected.TokenIds, actual.TokenIds);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.FinishReason, actual.FinishReason);
    }

    [Fact]
    public async Task ChooseAsync_Candidates_SameChoiceAndProbabilitiesAsOwnEngine()
    {
        string[] candidates = ["Arla Mjölk 3%", "Oatly Havredryck", "Arla Mild Yoghurt Vanilla", "Bananer"];
        var messages = new[] { new PromptMessage(PromptRole.User, "Which of these products is it? Candidates: " + string.Join("; ", candidates)) };
        var expected = await _ort.ChooseAsync(messages, candidates);
        var actual = await _genai.ChooseAsync(messages, candidates);
        Assert.Equal(expected.Index, actual.Index);
        for (int i = 0; i < candidates.Length; i++)
        {
            Assert.Equal(expected.LogProbabilities[i], actual.LogProbabilities[i], 3);
        }
    }

    [Fact]
    public async Task OnDeviceChatClient_OverGenAI_SameAnswerAsOverOwnEngine()
    {
        var question = new[] { new ChatMessage(ChatRole.User, s_prompt[0].Text) };
        var options = new ChatOptions { MaxOutputTokens = 40 };
        var expected = await new OnDeviceChatClient(_ort).GetResponseAsync(question, options);
        var actual = await new OnDeviceChatClient(_genai).GetResponseAsync(question, options);
        Assert.False(string.IsNullOrWhiteSpace(actual.Text));
        Assert.Equal(expected.Text, actual.Text);
    }

    /// <summary>The PyTorch parity fixture (photo features + identification prompt): GenAI with image_features.</summary>
    [Fact]
    public void Append_ParityImagePrompt_LogitsMatchPyTorchAndOwnEngine()
    {
        var parity = TestModels.Parity(TestModels.Vlm);
        var ids = parity.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var features = TestModels.ReadF32(Path.Combine(TestModels.Vlm, "parity", "image_features.f32"));
        var torch = TestModels.ReadF32(Path.Combine(TestModels.Vlm, "parity", "prefill_logits.f32"));
        var lastRow = torch.AsSpan(torch.Length - 1324).ToArray();
        _ort.Source.Truncate(0);
        _genai.Source.Truncate(0);
        var expected = _ort.Source.Append(ids, features).ToArray();
        var actual = _genai.Source.Append(ids, features).ToArray();
        Assert.True(MaxAbsDiff(expected, actual) <= 1e-3, $"vs own engine: {MaxAbsDiff(expected, actual)}");
        Assert.True(MaxAbsDiff(lastRow, actual) <= 1e-3, $"vs PyTorch: {MaxAbsDiff(lastRow, actual)}");
        for (int step = 0; step < 6; step++)
        {
            int next = ArgMax(expected);
            expected = _ort.Source.Append([next]).ToArray();
            actual = _genai.Source.Append([next]).ToArray();
            Assert.True(MaxAbsDiff(expected, actual) <= 1e-3, $"step {step}: {MaxAbsDiff(expected, actual)}");
        }

        // a text prompt after the image one: the last image's features stay set but are never read
        var text = _genai.EncodePrompt(s_prompt);
        _ort.Source.Truncate(0);
        _genai.Source.Truncate(0);
        Assert.True(MaxAbsDiff(_ort.Source.Append(text).ToArray(), _genai.Source.Append(text).ToArray()) <= 1e-3);
    }

    /// <summary>A real encoded image through the vision encoder: GenAI chooses and generates as the own engine does.</summary>
    [Fact]
    public async Task ChooseAndGenerate_ImagePrompt_SameAsOwnEngine()
    {
        string[] candidates = ["Arla Mjölk 3%", "Oatly Havredryck", "Bananer"];
        var messages = new[] { new PromptMessage(PromptRole.User, "Which of these products is it? Candidates: " + string.Join("; ", candidates), [Png()]) };
        var expected = await _ort.ChooseAsync(messages, candidates);
        var actual = await _genai.ChooseAsync(messages, candidates);
        Assert.Equal(expected.Index, actual.Index);
        for (int i = 0; i < candidates.Length; i++) Assert.Equal(expected.LogProbabilities[i], actual.LogProbabilities[i], 3);
        var options = new GenerationOptions { MaxNewTokens = 24 };
        var text = await _genai.GenerateTextAsync(messages, options);
        Assert.Equal((await _ort.GenerateTextAsync(messages, options)).TokenIds, text.TokenIds);
        // an image prompt after a text one and again: each starts a fresh context
        await _genai.GenerateTextAsync(s_prompt, options);
        Assert.Equal(text.TokenIds, (await _genai.GenerateTextAsync(messages, options)).TokenIds);
    }

    [Fact]
    public async Task GenerateAsync_ImagePromptOnATextOnlyFolder_RefusedWithOneClearMessage()
    {
        // a copy without vision_encoder.onnx beside it (nor in its parent): nothing can encode the image
        var dir = TestModels.CopyToTemp(TestModels.VlmGenAI);
        try
        {
            using var engine = GenerationEngine.Open(dir, new EngineOptions { Runtime = GenerationRuntime.GenAI });
            var messages = new[] { new PromptMessage(PromptRole.User, "What is this?", [Png()]) };
            var e = await Assert.ThrowsAsync<NotSupportedException>(() => engine.GenerateTextAsync(messages));
            Assert.StartsWith("This ONNX Runtime GenAI folder takes no images", e.Message);
            await Assert.ThrowsAsync<NotSupportedException>(() => engine.ChooseAsync(messages, ["a", "b"]));
            Assert.False(string.IsNullOrEmpty((await engine.GenerateTextAsync(s_prompt, new GenerationOptions { MaxNewTokens = 8 })).Text));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(230, 200, 40));
            using var paint = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(40, 90, 200) };
            canvas.DrawRect(10, 8, 30, 20, paint);
        }

        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public void Open_FolderWithoutGenAIConfig_NamesTheFile()
    {
        var dir = TestModels.CopyToTemp(TestModels.VlmGenAI);
        try
        {
            File.Delete(Path.Combine(dir, "genai_config.json"));
            var e = Assert.Throws<InvalidModelException>(() => GenerationEngine.Open(dir, new EngineOptions { Runtime = GenerationRuntime.GenAI }));
            Assert.Contains("genai_config.json", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Open_BrokenModelOnnx_NamesTheFile()
    {
        var dir = TestModels.CopyToTemp(TestModels.VlmGenAI);
        try
        {
            var path = Path.Combine(dir, "model.onnx");
            File.WriteAllBytes(path, File.ReadAllBytes(path).AsSpan(0, 4096).ToArray());
            var e = Assert.Throws<InvalidModelException>(() => GenerationEngine.Open(dir, new EngineOptions { Runtime = GenerationRuntime.GenAI }));
            Assert.StartsWith("model.onnx could not be loaded", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Open_GenAIConfigDisagreesWithConfig_NamesBothFiles()
    {
        var dir = TestModels.CopyToTemp(TestModels.VlmGenAI);
        try
        {
            var path = Path.Combine(dir, "genai_config.json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"num_hidden_layers\": 3", "\"num_hidden_layers\": 4"));
            var e = Assert.Throws<InvalidModelException>(() => GenerationEngine.Open(dir, new EngineOptions { Runtime = GenerationRuntime.GenAI }));
            Assert.Equal("genai_config.json says num_hidden_layers = 4; config.json says 3.", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Open_Int8Requested_RefusedRatherThanIgnored()
    {
        var e = Assert.Throws<NotSupportedException>(() => GenerationEngine.Open(TestModels.Vlm, new EngineOptions { Runtime = GenerationRuntime.GenAI, UseInt8Decoder = true }));
        Assert.Contains("int8", e.Message);
    }

    internal static float MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    private static int ArgMax(float[] v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] > v[best]) best = i;
        }

        return best;
    }

    public void Dispose()
    {
        _ort.Dispose();
        _genai.Dispose();
    }
}
