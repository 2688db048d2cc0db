// Generation benchmark: time-to-first-token (one image + 64 prompt tokens) and greedy decode tokens/s of our engine,
// fp32 and int8, one ONNX Runtime thread, plus managed bytes allocated per generated token; printed next to the
// PyTorch eager reference measured by bench/run-generation.sh in the same run (JSON passed with --torch).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Sampling;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string model = Arg("--model") ?? "models/vlm";
int newTokens = int.Parse(Arg("--new") ?? "64", CultureInfo.InvariantCulture);
int runs = int.Parse(Arg("--runs") ?? "10", CultureInfo.InvariantCulture);
int promptText = int.Parse(Arg("--prompt-tokens") ?? "64", CultureInfo.InvariantCulture);
JsonElement? torch = Arg("--torch") is { } t ? JsonDocument.Parse(File.ReadAllText(t)).RootElement : null;

var config = ModelConfig.Load(Path.Combine(model, "config.json"));
var rng = new Random(0);
var text = Enumerable.Range(0, promptText).Select(_ => NextText()).ToArray();
int[] ids = [.. text[..3], .. Enumerable.Repeat(config.ImageTokenId, config.ImageSeqLen), .. text[3..]];
var pixels = Enumerable.Range(0, 3 * config.ImageSize * config.ImageSize).Select(_ => (float)rng.NextDouble()).ToArray();

if (args.Contains("--profile"))
{
    DecodeProfile.Run(model, args.Contains("--int8"), ids, pixels, newTokens);
    return 0;
}

Console.WriteLine($"model {Path.GetFullPath(model)}: {config.NumHiddenLayers} layers, hidden {config.HiddenSize}, vocab {config.VocabSize}; " +
    $"prompt {ids.Length} tokens ({config.ImageSeqLen} image + {promptText} text), {newTokens} new tokens, greedy, 1 thread, median of {runs}");
Console.WriteLine();
Console.WriteLine($"{"engine",-22} {"TTFT ms",9} {"decode tok/s",13} {"alloc B/token (step)",21} {"alloc B/token (loop)",21}");
var results = new Dictionary<string, (double Ttft, double Tps)>();
foreach (var int8 in new[] { false, true })
{
    if (int8 && !File.Exists(Path.Combine(model, ModelFolder.DecoderInt8File))) continue;
    var r = Measure(int8);
    results[int8 ? "int8" : "fp32"] = (r.Ttft, r.Tps);
    Console.WriteLine($"{"ours " + (int8 ? "int8" : "fp32"),-22} {r.Ttft,9:F2} {r.Tps,13:F1} {r.StepAlloc,21:F0} {r.LoopAlloc,21:F0}");
}

if (torch is { } tj)
{
    double tt = tj.GetProperty("ttft_ms_median").GetDouble(), tp = tj.GetProperty("decode_tokens_per_s").GetDouble();
    Console.WriteLine($"{"pytorch eager fp32",-22} {tt,9:F2} {tp,13:F1} {"-",21} {"-",21}   (torch {tj.GetProperty("torch").GetString()}, weights: {tj.GetProperty("weights").GetString()})");
    Console.WriteLine();
    foreach (var (name, r) in results)
    {
        Console.WriteLine($"ours {name} vs pytorch: decode {r.Tps / tp:F2}x tokens/s (goal >= 3x), TTFT {r.Ttft:F2} ms vs {tt:F2} ms ({tt / r.Ttft:F2}x faster; goal <= 50 ms)");
    }
}

if (results.TryGetValue("int8", out var q) && results.TryGetValue("fp32", out var f))
{
    Console.WriteLine($"int8 vs fp32 (ours): decode {q.Tps / f.Tps:F2}x, TTFT {f.Ttft / q.Ttft:F2}x (goal >= 1.5x)");
}

return 0;

(double Ttft, double Tps, double StepAlloc, double LoopAlloc) Measure(bool int8)
{
    using var engine = GenerationEngine.Open(model, new EngineOptions { UseInt8Decoder = int8, IntraOpThreads = 1, MaxSequenceLength = ids.Length + newTokens + 8 });
    var source = (OnnxLogitsSource)engine.Source;
    var images = engine.Images ?? throw new InvalidOperationException("The model has no vision encoder.");
    var work = new float[pixels.Length];

    int FirstToken()
    {
        pixels.CopyTo(work, 0);
        var features = images.EncodePixels(work);
        source.Truncate(0);
        return TokenSampler.ArgMax(source.Append(ids, features));
    }

    for (int i = 0; i < 3; i++) FirstToken();
    var ttft = new List<double>();
    for (int i = 0; i < runs; i++)
    {
        long t0 = Stopwatch.GetTimestamp();
        FirstToken();
        ttft.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }

    var tps = new List<double>();
    double stepAlloc = 0;
    var single = new int[1];
    for (int i = 0; i < Math.Max(3, runs / 2); i++)
    {
        int tok = FirstToken();
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        for (int n = 0; n < newTokens; n++)
        {
            single[0] = tok;
            tok = TokenSampler.ArgMax(source.Append(single));
        }

        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        stepAlloc = (GC.GetAllocatedBytesForCurrentThread() - a0) / (double)newTokens;
        tps.Add(newTokens / seconds);
    }

    // The whole decoding loop (sampler, stop matcher, streamed strings) over the same prompt: bytes per token after prefill.
    var loop = new DecodingLoop(source, engine.Vocabulary);
    var feats = images.EncodePixels(pixels.ToArray());
    long b0 = 0;
    int generated = 0;
    foreach (var u in loop.Run(ids, feats, new GenerationOptions { MaxNewTokens = newTokens }, CancellationToken.None))
    {
        if (generated == 0 && u.TokenId >= 0) b0 = GC.GetAllocatedBytesForCurrentThread();
        generated = u.GeneratedTokens;
    }

    double loopAlloc = generated > 1 ? (GC.GetAllocatedBytesForCurrentThread() - b0) / (double)(generated - 1) : double.NaN;
    ttft.Sort();
    tps.Sort();
    return (ttft[ttft.Count / 2], tps[tps.Count / 2], stepAlloc, loopAlloc);
}

int NextText()
{
    while (true)
    {
        int id = rng.Next(10, config.VocabSize);
        if (id != config.ImageTokenId && !config.EosTokenIds.Contains(id)) return id;
    }
}

string? Arg(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
