// Generation benchmark, one table on one prompt (one image + 64 prompt tokens): time-to-first-token and greedy decode
// tokens/s of PyTorch eager (measured by bench/run-generation.sh in the same run, JSON passed with --torch), our
// engine (fp32, int8, the plain export), ONNX Runtime GenAI (image through model.onnx's image_features input) and
// llama.cpp (LLamaSharp) over the exporter's GGUF files (f16, q8_0, q4_0), one thread each, plus managed bytes
// allocated per generated token; then the on-device stage per ambiguous event (ChooseBench, --events N, 0 = skip).
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
int events = int.Parse(Arg("--events") ?? "50", CultureInfo.InvariantCulture);

var config = ModelConfig.Load(Path.Combine(model, "config.json"));
var rng = new Random(0);
var text = Enumerable.Range(0, promptText).Select(_ => NextText()).ToArray();
int[] ids = [.. text[..3], .. Enumerable.Repeat(config.ImageTokenId, config.ImageSeqLen), .. text[3..]];
var pixels = Enumerable.Range(0, 3 * config.ImageSize * config.ImageSize).Select(_ => (float)rng.NextDouble()).ToArray();

if (args.Contains("--text-path"))
{
    TextPathBench.Run(model, text, newTokens, runs);
    return 0;
}

if (args.Contains("--profile"))
{
    DecodeProfile.Run(model, args.Contains("--int8"), ids, pixels, newTokens);
    return 0;
}

Console.WriteLine($"model {Path.GetFullPath(model)}: {config.NumHiddenLayers} layers, hidden {config.HiddenSize}, vocab {config.VocabSize}; " +
    $"prompt {ids.Length} tokens ({config.ImageSeqLen} image + {promptText} text), {newTokens} new tokens, greedy, 1 thread, median of {runs}; " +
    $"load average {Bench.LoadAverage()} at start");
Console.WriteLine("wall = wall clock; cpu = the calling thread's CPU time (the fair clock on a loaded machine: both engines compute on it)");
Console.WriteLine();
Console.WriteLine($"{"engine",-26} {"TTFT ms",8} {"TTFT cpu ms",12} {"decode tok/s",13} {"tok/cpu-s",10} {"alloc B/token (step)",21} {"alloc B/token (loop)",21}");
var results = new List<(string Name, Timing T)>();
double tt = 0, tp = 0, ttc = 0, tpc = 0;
if (torch is { } tj)
{
    tt = tj.GetProperty("ttft_ms_median").GetDouble();
    tp = tj.GetProperty("decode_tokens_per_s").GetDouble();
    ttc = tj.GetProperty("ttft_cpu_ms_median").GetDouble();
    tpc = tj.GetProperty("decode_tokens_per_cpu_s").GetDouble();
    Console.WriteLine($"{"pytorch eager fp32",-26} {tt,8:F2} {ttc,12:F2} {tp,13:F1} {tpc,10:F1} {"-",21} {"-",21}   (torch {tj.GetProperty("torch").GetString()}, weights: {tj.GetProperty("weights").GetString()}, load average {tj.GetProperty("load_average").GetDouble():F1})");
}

// The plain torch export next to the fused graph (optimize_decoder.py keeps it as decoder_model_plain.onnx), run
// through the same engine from a temporary folder where it is the merged decoder.
string plainFile = Path.Combine(model, "decoder_model_plain.onnx");
string? plainDir = File.Exists(plainFile) ? PlainFolder(model, plainFile) : null;
try
{
    foreach (var (name, dir, int8) in new[] { ("fp32", model, false), ("int8", model, true), ("fp32 plain export", plainDir, false) })
    {
        if (dir is null || (int8 && !File.Exists(Path.Combine(dir, ModelFolder.DecoderInt8File)))) continue;
        var r = Measure(dir, new EngineOptions { UseInt8Decoder = int8 });
        results.Add(("ours " + name, r));
        Console.WriteLine($"{"ours " + name,-26} {r.Ttft,8:F2} {r.TtftCpu,12:F2} {r.Tps,13:F1} {r.TpsCpu,10:F1} {r.StepAlloc,21:F0} {r.LoopAlloc,21:F0}");
    }

    // ONNX Runtime GenAI through the engine's ILogitsSource (what ChooseAsync uses on --runtime genai): the image rows
    // go in through model.onnx's image_features input, made by the same vision encoder
    if (File.Exists(Path.Combine(model, "genai", "genai_config.json")))
    {
        var r = Measure(model, new EngineOptions { Runtime = GenerationRuntime.GenAI });
        results.Add(("genai", r));
        Console.WriteLine($"{"genai (image_features)",-26} {r.Ttft,8:F2} {r.TtftCpu,12:F2} {r.Tps,13:F1} {r.TpsCpu,10:F1} {r.StepAlloc,21:F0} {r.LoopAlloc,21:F0}");
    }

    // llama.cpp with n_threads = n_threads_batch = 1 computes the graph on the calling thread, so its thread CPU time
    // is comparable; the same vision encoder (ONNX Runtime) makes the image features for every row.
    foreach (var type in new[] { GgufQuantization.F16, GgufQuantization.Q8_0, GgufQuantization.Q4_0 })
    {
        if (!File.Exists(Path.Combine(model, $"basket-vlm-{type.ToString().ToLowerInvariant()}.gguf"))) continue;
        var name = "llama.cpp " + type.ToString().ToLowerInvariant();
        var r = Measure(model, new EngineOptions { Runtime = GenerationRuntime.Llama, GgufQuantization = type });
        results.Add((name, r));
        Console.WriteLine($"{name,-26} {r.Ttft,8:F2} {r.TtftCpu,12:F2} {r.Tps,13:F1} {r.TpsCpu,10:F1} {r.StepAlloc,21:F0} {r.LoopAlloc,21:F0}");
    }
}
finally
{
    if (plainDir is not null) Directory.Delete(plainDir, true);
}

if (torch is not null)
{
    Console.WriteLine();
    foreach (var (name, r) in results)
    {
        Console.WriteLine($"{name} vs pytorch: decode {r.TpsCpu / tpc:F2}x tokens per CPU-second ({r.Tps / tp:F2}x wall), " +
            $"TTFT {r.TtftCpu:F2} ms cpu / {r.Ttft:F2} ms wall vs {ttc:F2} / {tt:F2} ({ttc / r.TtftCpu:F2}x less CPU, {tt / r.Ttft:F2}x wall)");
    }
}

var byName = results.ToDictionary(r => r.Name, r => r.T);
if (byName.TryGetValue("ours int8", out var q) && byName.TryGetValue("ours fp32", out var f))
{
    Console.WriteLine($"int8 vs fp32 (ours): decode {q.TpsCpu / f.TpsCpu:F2}x per CPU-second ({q.Tps / f.Tps:F2}x wall), TTFT {f.TtftCpu / q.TtftCpu:F2}x cpu (goal >= 1.5x)");
}

if (byName.TryGetValue("llama.cpp q4_0", out var l4) && byName.TryGetValue("llama.cpp f16", out var l16))
{
    Console.WriteLine($"llama.cpp q4_0 vs f16: decode {l4.TpsCpu / l16.TpsCpu:F2}x per CPU-second ({l4.Tps / l16.Tps:F2}x wall), TTFT {l16.TtftCpu / l4.TtftCpu:F2}x cpu (goal >= 1.5x decode)");
}

if (byName.TryGetValue("llama.cpp q8_0", out var l8) && byName.TryGetValue("ours fp32", out var f3))
{
    Console.WriteLine($"llama.cpp q8_0 vs ours fp32: decode {l8.TpsCpu / f3.TpsCpu:F2}x per CPU-second ({l8.Tps / f3.Tps:F2}x wall), TTFT {f3.TtftCpu / l8.TtftCpu:F2}x cpu");
}

if (byName.TryGetValue("ours fp32 plain export", out var p) && byName.TryGetValue("ours fp32", out var f2))
{
    Console.WriteLine($"fused vs plain export (ours, fp32): decode {f2.TpsCpu / p.TpsCpu:F2}x per CPU-second ({f2.Tps / p.Tps:F2}x wall), TTFT {p.TtftCpu / f2.TtftCpu:F2}x cpu");
}

Console.WriteLine($"load average {Bench.LoadAverage()} at the end of the table");
if (events > 0 && config.ImageSeqLen > 0)
{
    ChooseBench.Run(model, Arg("--data-root"), Arg("--prompt") ?? "prompts/choose-product/on-device.v1.md", Arg("--catalog") ?? "catalog/catalog.json", events);
}

return 0;

static string PlainFolder(string model, string plain)
{
    var dir = Path.Combine(Path.GetTempPath(), "bench-plain-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(dir);
    foreach (var file in Directory.GetFiles(model))
    {
        var name = Path.GetFileName(file);
        if (name.StartsWith("decoder_model", StringComparison.Ordinal)) continue;
        File.CreateSymbolicLink(Path.Combine(dir, name), Path.GetFullPath(file));
    }

    File.CreateSymbolicLink(Path.Combine(dir, ModelFolder.DecoderFile), Path.GetFullPath(plain));
    return dir;
}

Timing Measure(string model, EngineOptions options)
{
    using var engine = GenerationEngine.Open(model, new EngineOptions
    {
        Runtime = options.Runtime, UseInt8Decoder = options.UseInt8Decoder, GgufQuantization = options.GgufQuantization, IntraOpThreads = 1, MaxSequenceLength = ids.Length + newTokens + 8,
    });
    var source = engine.Source;
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
    List<double> ttft = [], ttftCpu = [];
    for (int i = 0; i < runs; i++)
    {
        long t0 = Stopwatch.GetTimestamp();
        double c0 = ThreadCpu.Seconds();
        FirstToken();
        ttftCpu.Add((ThreadCpu.Seconds() - c0) * 1000);
        ttft.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }

    List<double> tps = [], tpsCpu = [];
    double stepAlloc = 0;
    var single = new int[1];
    for (int i = 0; i < Math.Max(3, runs / 2); i++)
    {
        int tok = FirstToken();
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        double c0 = ThreadCpu.Seconds();
        for (int n = 0; n < newTokens; n++)
        {
            single[0] = tok;
            tok = TokenSampler.ArgMax(source.Append(single));
        }

        tpsCpu.Add(newTokens / (ThreadCpu.Seconds() - c0));
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
    return new Timing(Median(ttft), Median(ttftCpu), Median(tps), Median(tpsCpu), stepAlloc, loopAlloc);
}

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
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

internal sealed record Timing(double Ttft, double TtftCpu, double Tps, double TpsCpu, double StepAlloc, double LoopAlloc);
