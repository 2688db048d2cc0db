using System.Runtime.InteropServices;
using BasketReasoner.Core.Vision;
using SkiaSharp;

namespace BasketReasoner.Vision.Preprocessing;

/// <summary>
/// Decodes a JPEG/PNG frame and writes a planar RGB float tensor in [0, 1] of
/// <see cref="FramePreprocessorOptions.InputSize"/>² pixels, squashing the whole frame (no crop) with bilinear,
/// mip-mapped sampling. JPEGs are decoded at a reduced DCT scale when the frame is much larger than the input,
/// which is both faster and a cheap anti-alias. Buffers are native and reused: steady-state calls allocate only
/// Skia's two small handle wrappers. Not thread-safe: one instance per worker.
/// </summary>
public sealed unsafe class FramePreprocessor : IDisposable
{
    private readonly int _size;
    private readonly int _maxSide;
    private nint _decode;
    private nint _decodeBytes;
    private readonly nint _resized;
    private readonly SKPixmap _resizedMap;
    private SKPixmap? _decodeMap;
    private SKImageInfo _decodeInfo;
    private bool _disposed;

    public FramePreprocessor(FramePreprocessorOptions? options = null)
    {
        options ??= new FramePreprocessorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InputSize, 8);
        _size = options.InputSize;
        _maxSide = options.MaxFrameSide;
        _resized = (nint)NativeMemory.AlignedAlloc((nuint)(_size * _size * 4), 64);
        _resizedMap = new SKPixmap(new SKImageInfo(_size, _size, SKColorType.Rgba8888, SKAlphaType.Unpremul), _resized);
    }

    public int InputSize => _size;

    /// <summary>Number of floats <see cref="Preprocess"/> writes: 3 × size × size.</summary>
    public int TensorLength => 3 * _size * _size;

    /// <summary>Decodes <paramref name="encoded"/> and writes the CHW tensor into <paramref name="chw"/>.</summary>
    /// <exception cref="InvalidImageException">The bytes are not a decodable image, or the image is too large.</exception>
    public void Preprocess(ReadOnlySpan<byte> encoded, Span<float> chw)
    {
        if (chw.Length < TensorLength)
        {
            throw new ArgumentException($"Tensor span needs {TensorLength} floats.", nameof(chw));
        }

        if (encoded.IsEmpty)
        {
            throw new InvalidImageException("The frame is empty (0 bytes).");
        }

        fixed (byte* src = encoded)
        {
            using var data = SKData.Create((nint)src, encoded.Length, null);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidImageException($"The frame ({encoded.Length} bytes) is not a JPEG or PNG image.");
            var full = codec.Info;
            if (full.Width <= 0 || full.Height <= 0 || full.Width > _maxSide || full.Height > _maxSide)
            {
                throw new InvalidImageException($"Frame size {full.Width}x{full.Height} is outside 1..{_maxSide} pixels.");
            }

            var dims = PickDecodeSize(codec);
            var info = new SKImageInfo(dims.Width, dims.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            EnsureDecodeBuffer(info.BytesSize);
            var result = codec.GetPixels(info, _decode);
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                throw new InvalidImageException($"The frame could not be decoded: {result}.");
            }

            if (!DecodeMap(info).ScalePixels(_resizedMap, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
            {
                throw new InvalidImageException("The frame could not be resized.");
            }
        }

        RgbaToPlanar(new ReadOnlySpan<byte>((void*)_resized, _size * _size * 4), chw, _size * _size);
    }

    /// <summary>Interleaved RGBA bytes to planar RGB floats in [0, 1].</summary>
    internal static void RgbaToPlanar(ReadOnlySpan<byte> rgba, Span<float> chw, int pixels)
    {
        const float Scale = 1f / 255f;
        var r = chw[..pixels];
        var g = chw.Slice(pixels, pixels);
        var b = chw.Slice(2 * pixels, pixels);
        for (int i = 0, j = 0; i < pixels; i++, j += 4)
        {
            r[i] = rgba[j] * Scale;
            g[i] = rgba[j + 1] * Scale;
            b[i] = rgba[j + 2] * Scale;
        }
    }

    // A JPEG can be decoded at 1/2, 1/4 or 1/8 scale nearly for free; keep at least twice the input size so the
    // final bilinear step still averages over enough source pixels.
    private SKSizeI PickDecodeSize(SKCodec codec)
    {
        var full = codec.Info.Size;
        var best = full;
        foreach (var scale in (ReadOnlySpan<float>)[0.5f, 0.25f, 0.125f])
        {
            var d = codec.GetScaledDimensions(scale);
            if (Math.Min(d.Width, d.Height) < 2 * _size)
            {
                break;
            }

            best = d;
        }

        return best;
    }

    // A camera sends frames of one size: the pixmap over the decode buffer is made once per size, not per frame.
    private SKPixmap DecodeMap(SKImageInfo info)
    {
        if (_decodeMap is null || info != _decodeInfo)
        {
            _decodeMap?.Dispose();
            _decodeMap = new SKPixmap(info, _decode);
            _decodeInfo = info;
        }

        return _decodeMap;
    }

    private void EnsureDecodeBuffer(long bytes)
    {
        if (bytes <= _decodeBytes)
        {
            return;
        }

        // The pixmap points at the old buffer: drop it so it is rebuilt over the new one.
        _decodeMap?.Dispose();
        _decodeMap = null;

        if (_decode != 0)
        {
            NativeMemory.AlignedFree((void*)_decode);
        }

        _decode = (nint)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        _decodeBytes = (nint)bytes;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _decodeMap?.Dispose();
        _resizedMap.Dispose();
        if (_decode != 0)
        {
            NativeMemory.AlignedFree((void*)_decode);
            _decode = 0;
        }

        NativeMemory.AlignedFree((void*)_resized);
    }
}
