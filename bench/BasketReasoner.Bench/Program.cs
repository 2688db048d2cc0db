using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Vision.Onnx;
using BasketReasoner.Vision.Preprocessing;

// Per-event latency of the cart's first stage (decode + preprocess + inference + retrieval + fusion) on frames
// held in memory, so disk reads are not measured. Run it pinned to one core (bench/run-latency.sh does). With
// --reference FILE it also reads the PyTorch eager reference's numbers (bench/torch_reference.py) measured on the
// same frames and prints the ratios.
var args2 = args.ToList();
string? Arg(string name) => args2.IndexOf(name) is var i and >= 0 && i + 1 < args2.Count ? args2[i + 1] : null;
var events = int.Parse(Arg("--events") ?? "1000", CultureInfo.InvariantCulture);
var sessionsPath = Arg("--sessions") ?? Path.Combine(DefaultAssets.RepoRoot() ?? ".", "eval", "sessions", "test-400.jsonl");
var images = DataRoot.ImagesFolder(DataRoot.Resolve(Arg("--data-root")));
var mirror = args2.Contains("--mirror") || new OnnxRecognizerOptions().MirrorAveraging;

var frames = SessionFile.Read(sessionsPath).Sessions.SelectMany(s => s.Events).Take(events)
    .Select(e => (Event: e, Bytes: File.ReadAllBytes(Path.Combine(images, e.Image)))).ToArray();
File.WriteAllLines(Arg("--frame-list") ?? Path.Combine(Path.GetTempPath(), "basket-bench-frames.txt"), frames.Select(f => f.Event.Image));

// Label-text OCR (gated to frames that look like packs) is not part of this comparison with the PyTorch reference;
// its cost per frame is measured by `basket eval text` (eval/README.md, "Label text").
var precision = Arg("--precision") is { } p ? RecognizerPrecisionNames.ParseChoice(p) : null;
using var pipeline = CartPipeline.Open(modelFolder: Arg("--model"), mirror: mirror, log: TextWriter.Null, labelText: false, precision: precision);
using var pre = new FramePreprocessor(new FramePreprocessorOptions { InputSize = pipeline.Recognizer.Card.InputSize });
var tensor = new float[pre.TensorLength];
var basket = new Basket();
for (var i = 0; i < Math.Min(50, frames.Length); i++)
{
    pipeline.Resolver.Resolve(frames[i].Event, frames[i].Bytes, basket);
}

var total = new double[frames.Length];
var decode = new double[frames.Length];
long allocated = 0;
for (var i = 0; i < frames.Length; i++)
{
    var t0 = Stopwatch.GetTimestamp();
    pre.Preprocess(frames[i].Bytes, tensor);
    decode[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;

    var a0 = GC.GetAllocatedBytesForCurrentThread();
    var t1 = Stopwatch.GetTimestamp();
    pipeline.Resolver.Resolve(frames[i].Event, frames[i].Bytes, basket);
    total[i] = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;
    allocated += GC.GetAllocatedBytesForCurrentThread() - a0;
}

var eventMs = LatencySummary.From(total);
var decodeMs = LatencySummary.From(decode);
var result = new
{
    events = frames.Length,
    mirror,
    model = Arg("--model") ?? "embedded",
    precision = RecognizerPrecisionNames.Name(pipeline.Recognizer.Precision),
    input_size = pipeline.Recognizer.Card.InputSize,
    event_ms = new { p50 = eventMs.P50, p95 = eventMs.P95, p99 = eventMs.P99, mean = eventMs.Mean },
    decode_preprocess_ms = new { p50 = decodeMs.P50, p95 = decodeMs.P95 },
    allocated_bytes_per_event = (double)allocated / frames.Length,
};
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
if (Arg("--reference") is { } refPath && File.Exists(refPath))
{
    using var doc = JsonDocument.Parse(File.ReadAllText(refPath));
    var r = doc.RootElement.GetProperty("event_ms");
    var rp50 = r.GetProperty("p50").GetDouble();
    var rp95 = r.GetProperty("p95").GetDouble();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"reference (PyTorch eager, PIL decode+resize, same frames, same core): p50 {rp50:F2} ms, p95 {rp95:F2} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio ours/reference: p50 {result.event_ms.p50 / rp50:F2}, p95 {result.event_ms.p95 / rp95:F2}  (issue 14 goal for ours: p95 ≤ 20 ms)"));
}
