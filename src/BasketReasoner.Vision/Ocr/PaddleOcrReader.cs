using System.Runtime.InteropServices;
using BasketReasoner.Core.Vision;
using BasketReasoner.Vision.Imaging;
using BasketReasoner.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace BasketReasoner.Vision.Ocr;

/// <summary>
/// PP-OCRv4 (PaddleOCR's mobile Chinese/Latin detector and recognizer, ONNX exports) on ONNX Runtime:
/// pixels (encoded bytes are decoded once, at full size) → DB text detector → rotated boxes → per-line crop at
/// height 48 → SVTR-LCNet recognizer → greedy CTC.
/// Preprocessing follows PaddleOCR's <c>tools/infer/predict_det.py</c> / <c>predict_rec.py</c>: frames are fed in
/// OpenCV's BGR channel order; the detector normalises with ImageNet mean/std (<c>NormalizeImage</c>: mean
/// 0.485/0.456/0.406, std 0.229/0.224/0.225 applied to channels in array order) on a size that is a multiple of
/// 32; the recognizer scales to [-1, 1] and pads with 0 to at least 48×320.
/// Cost: detection is O(detector input pixels) (≈ 736² for a 348 px frame); recognition O(Σ line widths).
/// The detector input goes through the shared <see cref="TensorWriter"/> (SkiaSharp bilinear, BGR, the formula
/// above), the line strips through its normalisation. Frame, strip and tensor buffers are pooled, native or reused
/// arrays that grow to the largest frame seen; not thread-safe:
/// one instance per worker, and <see cref="CreateWorker"/> gives another that shares the two ONNX sessions.
/// </summary>
public sealed unsafe class PaddleOcrReader : ILabelTextReader, IDisposable
{
    // PaddleOCR NormalizeImage on a BGR array: channel 0 (blue) gets mean[0]/std[0], and so on.
    private static readonly float[] DetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] DetStd = [0.229f, 0.224f, 0.225f];

    private readonly OcrOptions _options;
    private readonly InferenceSession _detector;
    private readonly InferenceSession _recognizer;
    private readonly string _detInput;
    private readonly string _recInput;
    private readonly RunOptions _run = new();
    private readonly CtcDecoder _decoder;
    private readonly DbPostProcessor _post;
    private readonly string _keysPath;
    private readonly PaddleOcrReader? _owner;
    private readonly SkiaFrameDecoder _frameDecoder;
    private readonly RgbaFrame _frame = new();
    private readonly TensorWriter _detWriter = new(Resampling.SkiaLinear, PixelNormalization.DivideMeanStd(255f, DetMean, DetStd, ChannelOrder.Bgr));
    // predict_rec.py: v / 255, then (v − 0.5) / 0.5, which PaddleOCR computes as v / 127.5 − 1; the strip is resampled by the affine draw, not here.
    private readonly TensorWriter _recWriter = new(Resampling.SkiaLinear, PixelNormalization.DivideMeanStd(127.5f, [1f, 1f, 1f], [1f, 1f, 1f], ChannelOrder.Bgr));
    private nint _strip;
    private long _stripBytes;
    private float[] _detTensor = [];
    private float[] _recTensor = [];
    private bool _disposed;

    /// <param name="modelFolder">Folder with the detector, recognizer and keys files (<c>models/ocr</c>).</param>
    /// <param name="options">Settings; defaults when <c>null</c>.</param>
    /// <exception cref="FileNotFoundException">A model or the keys file is missing (run <c>scripts/fetch-ocr-models.sh</c>).</exception>
    public PaddleOcrReader(string modelFolder, OcrOptions? options = null)
    {
        _options = options ?? new OcrOptions();
        var det = RequireFile(modelFolder, _options.DetectorFile);
        var rec = RequireFile(modelFolder, _options.RecognizerFile);
        _keysPath = RequireFile(modelFolder, _options.KeysFile);
        _decoder = CtcDecoder.Load(_keysPath);
        using var so = CpuSessionOptions.Create(_options.IntraOpThreads);
        _detector = new InferenceSession(det, so);
        _recognizer = new InferenceSession(rec, so);
        _detInput = _detector.InputNames[0];
        _recInput = _recognizer.InputNames[0];
        _post = new DbPostProcessor(_options);
        _frameDecoder = new SkiaFrameDecoder(_options.MaxFrameSide);
    }

    // A worker: the owner's sessions and options, its own buffers, decoder and post-processor.
    private PaddleOcrReader(PaddleOcrReader owner)
    {
        _owner = owner;
        _options = owner._options;
        _keysPath = owner._keysPath;
        _decoder = CtcDecoder.Load(_keysPath);
        _detector = owner._detector;
        _recognizer = owner._recognizer;
        _detInput = owner._detInput;
        _recInput = owner._recInput;
        _post = new DbPostProcessor(_options);
        _frameDecoder = new SkiaFrameDecoder(_options.MaxFrameSide);
    }

    /// <summary>
    /// Another reader on the same two ONNX sessions (their <c>Run</c> is thread-safe) with its own buffers, for one
    /// more concurrent worker without a second copy of the models. Dispose it before this one.
    /// </summary>
    public PaddleOcrReader CreateWorker() => new(_owner ?? this);

    /// <summary>Whether the three model files are in <paramref name="modelFolder"/>.</summary>
    public static bool ModelsPresent(string modelFolder, OcrOptions? options = null)
    {
        options ??= new OcrOptions();
        return File.Exists(Path.Combine(modelFolder, options.DetectorFile))
            && File.Exists(Path.Combine(modelFolder, options.RecognizerFile))
            && File.Exists(Path.Combine(modelFolder, options.KeysFile));
    }

    public IReadOnlyList<RecognizedText> Read(ReadOnlySpan<byte> encodedImage)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Full resolution: the detector input and every line crop read from this one decode.
        _frameDecoder.Decode(encodedImage, _frame);
        return Read(_frame.View());
    }

    public IReadOnlyList<RecognizedText> Read(FrameView image)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var boxes = Detect(image);
        if (boxes.Count == 0)
        {
            return [];
        }

        if (boxes.Count > _options.MaxLines)
        {
            boxes.RemoveRange(_options.MaxLines, boxes.Count - _options.MaxLines);
        }

        // Reading order as PaddleOCR's sorted_boxes: by top edge, then left edge for lines within 10 px.
        boxes.Sort(static (a, b) => MathF.Abs(a.TopLeft.Y - b.TopLeft.Y) < 10 ? a.TopLeft.X.CompareTo(b.TopLeft.X) : a.TopLeft.Y.CompareTo(b.TopLeft.Y));
        fixed (byte* first = image.Pixels)
        {
            // An image over the view in place (the frame's row stride): the line crops read the frame's pixels.
            var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var pixmap = new SKPixmap(info, (nint)first, image.Stride);
            using var skImage = SKImage.FromPixels(pixmap);
            var lines = new List<RecognizedText>(boxes.Count);
            foreach (var box in boxes)
            {
                var (text, confidence) = Recognize(skImage, box);
                if (text.Length > 0 && confidence >= _options.MinTextConfidence && !string.IsNullOrWhiteSpace(text))
                {
                    var c = box.Center;
                    lines.Add(new RecognizedText(text, confidence, box.Score, c.X, c.Y, MathF.Min(box.Width, box.Height)));
                }
            }

            return lines;
        }
    }

    private List<TextBox> Detect(FrameView image)
    {
        var (w, h) = (image.Width, image.Height);
        var (dw, dh) = DetectorSize(w, h, _options.DetectorMinSide, _options.DetectorMaxSide);
        var plane = dw * dh;
        EnsureArray(ref _detTensor, 3 * plane);
        _detWriter.Write(image, dw, dh, _detTensor.AsSpan(0, 3 * plane));

        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _detTensor.AsMemory(0, 3 * plane), [1, 3, dh, dw]);
        using var outputs = _detector.Run(_run, [_detInput], [input], _detector.OutputNames);
        var map = outputs[0].GetTensorDataAsSpan<float>();
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var mh = (int)shape[^2];
        var mw = (int)shape[^1];
        return _post.Boxes(map, mw, mh, w, h);
    }

    /// <summary>
    /// Detector input size: upscale so the shorter side reaches <paramref name="minSide"/> (RapidOCR's
    /// <c>limit_type: min</c>), cap the longer side at <paramref name="maxSide"/> (PaddleOCR's <c>limit_type: max</c>),
    /// then round each side to a multiple of 32 (at least 32), as <c>DetResizeForTest</c> does.
    /// </summary>
    internal static (int Width, int Height) DetectorSize(int w, int h, int minSide, int maxSide)
    {
        var ratio = 1.0;
        if (minSide > 0 && Math.Min(w, h) < minSide)
        {
            ratio = (double)minSide / Math.Min(w, h);
        }

        if (maxSide > 0 && Math.Max(w, h) * ratio > maxSide)
        {
            ratio = (double)maxSide / Math.Max(w, h);
        }

        static int Round32(double v) => Math.Max((int)Math.Round(v / 32) * 32, 32);
        return (Round32(w * ratio), Round32(h * ratio));
    }

    private (string Text, float Confidence) Recognize(SKImage frame, TextBox box)
    {
        // PaddleOCR's get_rotate_crop_image: the crop is as wide as the longer of top/bottom edges and as tall as the
        // longer of the side edges; a crop at least 1.5× taller than wide is turned 90° counter-clockwise (np.rot90).
        var bw = box.Width;
        var bh = box.Height;
        PointF2 o, right, down;
        if (bh >= 1.5f * bw)
        {
            (o, right, down) = (box.TopRight, box.BottomRight, box.TopLeft);
            (bw, bh) = (bh, bw);
        }
        else
        {
            (o, right, down) = (box.TopLeft, box.TopRight, box.BottomLeft);
        }

        if (bw < 1 || bh < 1)
        {
            return (string.Empty, 0f);
        }

        var height = _options.RecognizerHeight;
        var lineWidth = Math.Clamp((int)MathF.Ceiling(height * bw / bh), 1, _options.RecognizerMaxWidth);
        var width = Math.Clamp(Math.Max(lineWidth, _options.RecognizerMinWidth), 1, _options.RecognizerMaxWidth);

        // Maps the crop's output pixel (u, v) back to the frame: o + u/W·(right − o) + v/H·(down − o); its inverse draws
        // the rotated box straight into a lineWidth × height strip, i.e. the crop and the resize in one resampling.
        var toFrame = new SKMatrix(
            (right.X - o.X) / lineWidth, (down.X - o.X) / height, o.X,
            (right.Y - o.Y) / lineWidth, (down.Y - o.Y) / height, o.Y,
            0, 0, 1);
        if (!toFrame.TryInvert(out var toLine))
        {
            return (string.Empty, 0f);
        }

        var info = new SKImageInfo(lineWidth, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bytes = info.BytesSize;
        Ensure(ref _strip, ref _stripBytes, bytes);
        var strip = (void*)_strip;
        using (var surface = SKSurface.Create(info, _strip, info.RowBytes))
        {
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.Black);
            canvas.SetMatrix(toLine);
            canvas.DrawImage(frame, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            canvas.Flush();
        }

        var plane = height * width;
        EnsureArray(ref _recTensor, 3 * plane);
        var t = _recTensor.AsSpan(0, 3 * plane);
        t.Clear(); // PaddleOCR pads to the batch width with zeros after normalisation.
        _recWriter.Normalize(new ReadOnlySpan<byte>(strip, (int)bytes), lineWidth, height, lineWidth * 4, t, width);

        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _recTensor.AsMemory(0, 3 * plane), [1, 3, height, width]);
        using var outputs = _recognizer.Run(_run, [_recInput], [input], _recognizer.OutputNames);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var classes = (int)shape[^1];
        if (classes != _decoder.ClassCount)
        {
            throw new InvalidDataException($"OCR recognizer outputs {classes} classes; the keys file gives {_decoder.ClassCount} (blank + keys + space).");
        }

        return _decoder.Decode(outputs[0].GetTensorDataAsSpan<float>(), (int)shape[^2]);
    }

    private static string RequireFile(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"OCR model file '{name}' is missing in '{folder}' (run scripts/fetch-ocr-models.sh).", path);
    }

    private static void Ensure(ref nint buffer, ref long size, long bytes)
    {
        if (bytes <= size)
        {
            return;
        }

        if (buffer != 0)
        {
            NativeMemory.AlignedFree((void*)buffer);
        }

        buffer = (nint)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        size = bytes;
    }

    private static void EnsureArray(ref float[] array, int length)
    {
        if (array.Length < length)
        {
            array = new float[length];
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_owner is null)
        {
            _detector.Dispose();
            _recognizer.Dispose();
        }

        _run.Dispose();
        _detWriter.Dispose();
        _recWriter.Dispose();
        _frame.Dispose();

        if (_strip != 0)
        {
            NativeMemory.AlignedFree((void*)_strip);
        }
    }
}
