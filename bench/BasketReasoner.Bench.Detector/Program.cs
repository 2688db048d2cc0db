using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BasketReasoner.Composition;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Vision;
using BasketReasoner.Eval.Detection;
using BasketReasoner.Eval.Replay;
using BasketReasoner.Reasoning.Attribution;
using BasketReasoner.Vision.Detection;
using BasketReasoner.Vision.Imaging;

// The item detector on ONE core (ORT intra-op threads 1; run it pinned, bench/run-detector.sh does): model only on a
// preprocessed tensor (what the PyTorch reference times), the whole per-frame path from an RGBA frame (resize,
// normalise, inference, decode, NMS), the same from JPEG bytes, and a two-camera attribution event (4 frames).
// With --torch FILE it reads bench/torch_detector_reference.py's TORCH_DETECTOR line from the same run and prints
// the ratios.
var argv = args.ToList();
string? Arg(string name) => argv.IndexOf(name) is var i and >= 0 && i + 1 < argv.Count ? argv[i + 1] : null;
var count = int.Parse(Arg("--frames") ?? "200", CultureInfo.InvariantCulture);
var folder = Arg("--detector") ?? DefaultAssets.DetectorFolder;
var scenes = Arg("--scenes");

using var detector = new OnnxItemDetector(folder);
var codec = new SkiaFrameDecoder();
var size = detector.Card.InputSize;

// Frames: real scene JPEGs when a scene folder is given, else procedural 448² JPEGs (timing does not depend on content
// much; the PyTorch reference feeds random tensors).
var jpegs = scenes is not null
    ? SceneAnnotations.Read(Path.Combine(scenes, "annotations.jsonl")).Take(count).Select(a => File.ReadAllBytes(Path.Combine(scenes, a.Image))).ToArray()
    : Enumerable.Range(0, count).Select(Procedural).ToArray();
var decoded = jpegs.Select(j =>
{
    var f = new RgbaFrame();
    codec.Decode(j, f);
    return f;
}).ToArray();
var tensor = new float[detector.TensorLength];
detector.Preprocess(decoded[0], tensor);
var found = new List<ItemDetection>(64);

for (var i = 0; i < 20; i++)
{
    detector.DetectTensor(tensor, 448, 448, found);
    detector.Detect(decoded[i % decoded.Length], found);
}

var model = Time(i => detector.DetectTensor(tensor, 448, 448, found));
var a0 = GC.GetAllocatedBytesForCurrentThread();
var frame = Time(i => detector.Detect(decoded[i % decoded.Length], found));
var allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - a0) / count;
var scratch = new RgbaFrame();
var fromJpeg = Time(i =>
{
    codec.Decode(jpegs[i % jpegs.Length], scratch);
    detector.Detect(scratch, found);
});

// A two-camera event: before and after per camera, decode + detect + attribution (no recognizer).
var frames = new FramesAttributor(detector, codec, new EventAttributor(new AttributionOptions()));
var pairs = Enumerable.Range(0, Math.Max(1, jpegs.Length - 1)).Select(i => new[]
{
    new CameraFramePair("cam0", jpegs[i], jpegs[(i + 1) % jpegs.Length]),
    new CameraFramePair("cam1", jpegs[(i + 1) % jpegs.Length], jpegs[i]),
}).ToArray();
var attribution = Time(i => frames.Attribute(CartEventType.Add, pairs[i % pairs.Length]));

// The whole on-cart event: two cameras' before/after JPEGs → decode, detect, attribute, crop, recognizer on the
// crops (one view each; two, frame and mirror, before 2026-12-07), fusion; label text off. Frames: test-split product photos pasted on a floor, an
// item added beside two others, so attribution finds boxes and the recognizer sees crops. Managed bytes per event
// are counted on this thread around CartPipeline.ResolveFrames.
var eventCount = int.Parse(Arg("--events") ?? "60", CultureInfo.InvariantCulture);
var photos = Directory.EnumerateFiles(Path.Combine(DataRoot.ImagesFolder(DataRoot.Resolve(Arg("--data-root"))), "test", "Packages"), "*.jpg", SearchOption.AllDirectories)
    .Order(StringComparer.Ordinal).Take(eventCount + 2).Select(File.ReadAllBytes).ToArray();
var cartEvents = Enumerable.Range(0, eventCount).Select(k => new[]
{
    new CameraFramePair("cam0", Scene([photos[k], photos[k + 1]]), Scene([photos[k], photos[k + 1], photos[k + 2]])),
    new CameraFramePair("cam1", Scene([photos[k + 1], photos[k]]), Scene([photos[k + 1], photos[k], photos[k + 2]])),
}).ToArray();
using var pipeline = CartPipeline.Open(log: TextWriter.Null, labelText: false);
var cartBasket = new BasketReasoner.Core.Baskets.Basket();
for (var i = 0; i < Math.Min(5, eventCount); i++)
{
    pipeline.ResolveFrames(new CartEvent(i, CartEventType.Add, "bench", null), cartEvents[i], cartBasket);
}

long eventBytes = 0;
var cropped = 0;
var eventMs = new double[eventCount];
for (var i = 0; i < eventCount; i++)
{
    var b0 = GC.GetAllocatedBytesForCurrentThread();
    var t0 = Stopwatch.GetTimestamp();
    var r = pipeline.ResolveFrames(new CartEvent(i, CartEventType.Add, "bench", null), cartEvents[i], cartBasket);
    eventMs[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    eventBytes += GC.GetAllocatedBytesForCurrentThread() - b0;
    cropped += r.Attribution!.Count(a => a.Box is not null);
}

var cartEvent = LatencySummary.From(eventMs);

var torch = Arg("--torch") is { } torchFile && File.Exists(torchFile)
    ? File.ReadLines(torchFile).LastOrDefault(l => l.StartsWith("TORCH_DETECTOR", StringComparison.Ordinal))
    : null;
double? torchMs = torch?.Split(' ').FirstOrDefault(t => t.StartsWith("p50_ms=", StringComparison.Ordinal)) is { } p
    ? double.Parse(p["p50_ms=".Length..], CultureInfo.InvariantCulture)
    : null;

Console.WriteLine($"detector {Path.GetFileName(Path.GetFullPath(folder))}: input {size}px, {count} frames ({(scenes is null ? "procedural" : "scene")} 448² JPEGs), 1 intra-op thread, load avg {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"  ORT model only (tensor in, maps out + decode) p50 {model.P50,7:F2} ms  mean {model.Mean,7:F2}");
Console.WriteLine($"  RGBA frame → boxes (resize+norm+ORT+NMS)  p50 {frame.P50,7:F2} ms  mean {frame.Mean,7:F2}  allocated {allocated:F0} B/frame");
Console.WriteLine($"  JPEG → boxes (Skia decode + the above)    p50 {fromJpeg.P50,7:F2} ms  mean {fromJpeg.Mean,7:F2}");
Console.WriteLine($"  two cameras, JPEG → boxes: {1000 / (2 * fromJpeg.Mean):F1} frame pairs/s (goal 10)");
Console.WriteLine($"  two-camera event (4 JPEGs decoded+detected, attributed) p50 {attribution.P50:F2} ms");
Console.WriteLine($"  whole on-cart event (+ crops → recognizer → fusion), {eventCount} events, {cropped} of {2 * eventCount} views cropped: p50 {cartEvent.P50:F2} ms, managed {(double)eventBytes / eventCount:F0} B/event");
if (torchMs is { } t)
{
    Console.WriteLine($"  PyTorch eager, same model, 1 thread   p50 {t,7:F2} ms   ({torch})");
    Console.WriteLine($"  ratio PyTorch / ORT model-only: {t / model.P50:F2}x   two cameras in PyTorch (model only): {1000 / (2 * t):F1} pairs/s");
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    input_size = size,
    frames = count,
    ort_model_p50_ms = model.P50,
    frame_p50_ms = frame.P50,
    jpeg_frame_p50_ms = fromJpeg.P50,
    jpeg_frame_mean_ms = fromJpeg.Mean,
    two_camera_pairs_per_s = 1000 / (2 * fromJpeg.Mean),
    event_p50_ms = attribution.P50,
    allocated_bytes_per_frame = allocated,
    cart_event_p50_ms = cartEvent.P50,
    cart_event_allocated_bytes = (double)eventBytes / eventCount,
    cart_event_views_cropped = cropped,
    torch_p50_ms = torchMs,
}));
return 0;

LatencySummary Time(Action<int> body)
{
    var ms = new double[count];
    for (var i = 0; i < count; i++)
    {
        var t0 = Stopwatch.GetTimestamp();
        body(i);
        ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    return LatencySummary.From(ms);
}

static byte[] Procedural(int seed)
{
    var rng = new Random(seed);
    using var bitmap = new SkiaSharp.SKBitmap(448, 448);
    using (var canvas = new SkiaSharp.SKCanvas(bitmap))
    {
        canvas.Clear(new SkiaSharp.SKColor(120, 122, 125));
        using var paint = new SkiaSharp.SKPaint();
        for (var k = 0; k < 5; k++)
        {
            paint.Color = new SkiaSharp.SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
            canvas.DrawRect(rng.Next(0, 350), rng.Next(0, 350), rng.Next(40, 120), rng.Next(40, 120), paint);
        }
    }

    using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
    return data.ToArray();
}

// A 448² floor with the photos pasted left to right at fixed boxes, JPEG 90 (as the cart cameras send).
static byte[] Scene(byte[][] items)
{
    SkiaSharp.SKRect[] boxes = [SkiaSharp.SKRect.Create(30, 40, 140, 170), SkiaSharp.SKRect.Create(250, 50, 150, 130), SkiaSharp.SKRect.Create(140, 250, 130, 160)];
    using var bitmap = new SkiaSharp.SKBitmap(448, 448);
    using (var canvas = new SkiaSharp.SKCanvas(bitmap))
    {
        canvas.Clear(new SkiaSharp.SKColor(120, 122, 125));
        for (var i = 0; i < items.Length; i++)
        {
            using var image = SkiaSharp.SKImage.FromEncodedData(items[i]);
            canvas.DrawImage(image, boxes[i], new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
        }
    }

    using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
    return data.ToArray();
}
