using System.Runtime.InteropServices;
using BasketReasoner.Core.Vision;
using SkiaSharp;

namespace BasketReasoner.Vision.Imaging;

/// <summary>
/// The one resize-and-normalise writer: a <see cref="FrameView"/> (a whole frame or a crop, read in place through
/// its stride) → W × H with the model's <see cref="Imaging.Resampling"/> → <see cref="PixelNormalization"/> → a
/// planar float tensor (CHW), written straight into the model's bound input buffer. The recognizer, the item detector
/// and the OCR text detector each own one. Resampling buffers, sampling tables and Skia pixmaps are kept and rebuilt
/// only when a size changes (a camera sends one size); the source pixmap is re-pointed at each view, so a frame or a
/// crop allocates nothing managed. Not thread-safe.
/// </summary>
public sealed unsafe partial class TensorWriter : IDisposable
{
    private readonly Resampling _resampling;
    private readonly PixelNormalization _normalization;
    private readonly float[] _table;
    private readonly int[] _source = new int[3];

    // Skia paths: the resized RGBA image, native, and pixmaps over it and over the last source.
    private nint _resized;
    private long _resizedBytes;
    private SKPixmap? _resizedMap;
    private (int Width, int Height) _resizedSize;
    private SKPixmap? _sourceMap;
    private (nint Address, int Width, int Height, int Stride) _sourceKey;

    // Half-pixel path: per output column and row, the two source indices and the weight of the second.
    private int[] _x0 = [], _x1 = [], _y0 = [], _y1 = [];
    private float[] _wx = [], _wy = [];
    private (int Source, int Target) _columns = (-1, -1);
    private (int Source, int Target) _rows = (-1, -1);
    private bool _disposed;

    public TensorWriter(Resampling resampling, PixelNormalization normalization)
    {
        _resampling = resampling;
        _normalization = normalization;
        _table = normalization.Table();
        for (var plane = 0; plane < 3; plane++)
        {
            _source[plane] = normalization.Source(plane);
        }
    }

    public Resampling Resampling => _resampling;

    /// <summary>Resizes <paramref name="source"/> to <paramref name="width"/> × <paramref name="height"/> and writes the 3 planes into <paramref name="chw"/>.</summary>
    /// <exception cref="InvalidImageException">Skia could not resample the pixels.</exception>
    public void Write(FrameView source, int width, int height, Span<float> chw)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (chw.Length < 3 * width * height)
        {
            throw new ArgumentException($"Tensor span needs {3 * width * height} floats.", nameof(chw));
        }

        if (_resampling == Resampling.HalfPixelBilinear)
        {
            WriteHalfPixel(source, width, height, chw);
            return;
        }

        if (_resampling == Resampling.AntialiasedBilinear)
        {
            WriteAntialiased(source, width, height, chw);
            return;
        }

        var resized = ResizeWithSkia(source, width, height);
        Normalize(new ReadOnlySpan<byte>((void*)resized, width * height * 4), width, height, width * 4, chw, width);
    }

    /// <summary>
    /// Normalises already resampled RGBA pixels (<paramref name="width"/> × <paramref name="height"/>, rows
    /// <paramref name="stride"/> bytes apart) into planes <paramref name="planeWidth"/> wide; columns from
    /// <paramref name="width"/> to <paramref name="planeWidth"/> are left as they are (the caller's padding).
    /// </summary>
    public void Normalize(ReadOnlySpan<byte> rgba, int width, int height, int stride, Span<float> chw, int planeWidth)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, planeWidth);
        var plane = planeWidth * height;
        var p0 = chw[..plane];
        var p1 = chw.Slice(plane, plane);
        var p2 = chw.Slice(2 * plane, plane);
        ReadOnlySpan<float> t0 = _table.AsSpan(0, 256), t1 = _table.AsSpan(256, 256), t2 = _table.AsSpan(512, 256);
        int s0 = _source[0], s1 = _source[1], s2 = _source[2];
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * stride, width * 4);
            var o = y * planeWidth;
            for (int x = 0, j = 0; x < width; x++, j += 4)
            {
                p0[o + x] = t0[row[j + s0]];
                p1[o + x] = t1[row[j + s1]];
                p2[o + x] = t2[row[j + s2]];
            }
        }
    }

    private nint ResizeWithSkia(FrameView source, int width, int height)
    {
        var bytes = (long)width * height * 4;
        if (_resizedMap is null || _resizedSize != (width, height))
        {
            _resizedMap?.Dispose();
            if (bytes > _resizedBytes)
            {
                if (_resized != 0)
                {
                    NativeMemory.AlignedFree((void*)_resized);
                }

                _resized = (nint)NativeMemory.AlignedAlloc((nuint)bytes, 64);
                _resizedBytes = bytes;
            }

            _resizedMap = new SKPixmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), _resized);
            _resizedSize = (width, height);
        }

        var sampling = _resampling == Resampling.SkiaLinearMipmap
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
        if (!SourceMap(source).ScalePixels(_resizedMap, sampling))
        {
            throw new InvalidImageException("The frame could not be resized.");
        }

        return _resized;
    }

    // One pixmap over the view's first pixel with the frame's row stride: Skia reads the crop in place. Frames are
    // pinned, so it stays valid while the view starts at the same address with the same geometry (a camera's whole
    // frames: every frame) and is re-pointed otherwise (a crop), without a new wrapper.
    private SKPixmap SourceMap(FrameView source)
    {
        fixed (byte* first = source.Pixels)
        {
            var key = ((nint)first, source.Width, source.Height, source.Stride);
            _sourceMap ??= new SKPixmap();
            if (key != _sourceKey)
            {
                _sourceMap.Reset(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul), key.Item1, source.Stride);
                _sourceKey = key;
            }

            return _sourceMap;
        }
    }

    private void WriteHalfPixel(FrameView source, int width, int height, Span<float> chw)
    {
        if (_columns != (source.Width, width))
        {
            Tables(source.Width, width, ref _x0, ref _x1, ref _wx);
            _columns = (source.Width, width);
        }

        if (_rows != (source.Height, height))
        {
            Tables(source.Height, height, ref _y0, ref _y1, ref _wy);
            _rows = (source.Height, height);
        }

        var plane = width * height;
        int s0 = _source[0], s1 = _source[1], s2 = _source[2];
        for (var y = 0; y < height; y++)
        {
            var row0 = source.Row(_y0[y]);
            var row1 = source.Row(_y1[y]);
            var wy = _wy[y];
            for (var x = 0; x < width; x++)
            {
                int a = _x0[x] * 4, b = _x1[x] * 4;
                var wx = _wx[x];
                var o = (y * width) + x;
                chw[o] = _normalization.Apply(0, Sample(row0, row1, a + s0, b + s0, wx, wy));
                chw[plane + o] = _normalization.Apply(1, Sample(row0, row1, a + s1, b + s1, wx, wy));
                chw[(2 * plane) + o] = _normalization.Apply(2, Sample(row0, row1, a + s2, b + s2, wx, wy));
            }
        }
    }

    private static float Sample(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, int a, int b, float wx, float wy)
    {
        var top = row0[a] + (wx * (row0[b] - row0[a]));
        var bottom = row1[a] + (wx * (row1[b] - row1[a]));
        return top + (wy * (bottom - top));
    }

    // Half-pixel centres: target d samples source (d + 0.5) · source/target − 0.5, clamped to the edge.
    private static void Tables(int source, int target, ref int[] i0, ref int[] i1, ref float[] w)
    {
        if (i0.Length != target)
        {
            (i0, i1, w) = (new int[target], new int[target], new float[target]);
        }

        var ratio = (float)source / target;
        for (var d = 0; d < target; d++)
        {
            var s = MathF.Max(0, ((d + 0.5f) * ratio) - 0.5f);
            var lo = Math.Min((int)s, source - 1);
            i0[d] = lo;
            i1[d] = Math.Min(lo + 1, source - 1);
            w[d] = s - lo;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sourceMap?.Dispose();
        _resizedMap?.Dispose();
        if (_resized != 0)
        {
            NativeMemory.AlignedFree((void*)_resized);
            _resized = 0;
        }
    }
}
