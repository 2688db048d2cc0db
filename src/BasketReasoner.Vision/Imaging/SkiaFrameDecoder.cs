using BasketReasoner.Core.Vision;
using SkiaSharp;

namespace BasketReasoner.Vision.Imaging;

/// <summary>
/// The one decoder: JPEG/PNG bytes → an <see cref="RgbaFrame"/>'s pooled buffer with SkiaSharp, at full size or, when
/// asked, at a reduced JPEG DCT scale. Steady-state calls allocate only Skia's two small handle wrappers (data and
/// codec). Stateless apart from its limit; not thread-safe only because the frame is not.
/// </summary>
public sealed unsafe class SkiaFrameDecoder : IFrameDecoder
{
    private readonly int _maxSide;

    /// <param name="maxFrameSide">Largest frame side accepted, in pixels, to bound the buffer. Default: 4096.</param>
    public SkiaFrameDecoder(int maxFrameSide = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameSide);
        _maxSide = maxFrameSide;
    }

    public void Decode(ReadOnlySpan<byte> encoded, RgbaFrame frame, int minSide = 0)
    {
        if (encoded.IsEmpty)
        {
            throw new InvalidImageException("The frame is empty (0 bytes).");
        }

        fixed (byte* src = encoded)
        {
            using var data = SKData.Create((nint)src, encoded.Length, null);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidImageException($"The frame ({encoded.Length} bytes) is not a JPEG or PNG image.");
            var (w, h) = (codec.Info.Width, codec.Info.Height);
            if (w <= 0 || h <= 0 || w > _maxSide || h > _maxSide)
            {
                throw new InvalidImageException($"Frame size {w}x{h} is outside 1..{_maxSide} pixels.");
            }

            var dims = minSide > 0 ? PickDecodeSize(codec, minSide) : codec.Info.Size;
            frame.Resize(dims.Width, dims.Height);
            var info = new SKImageInfo(dims.Width, dims.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            // The frame's buffer is pinned (PixelBufferPool), so this fixed costs nothing and pins nothing new.
            fixed (byte* dst = frame.Pixels)
            {
                var result = codec.GetPixels(info, (nint)dst);
                if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                {
                    throw new InvalidImageException($"The frame could not be decoded: {result}.");
                }
            }
        }
    }

    // The smallest JPEG scale whose shorter side is still at least minSide (non-JPEGs report their full size).
    private static SKSizeI PickDecodeSize(SKCodec codec, int minSide)
    {
        var best = codec.Info.Size;
        foreach (var scale in (ReadOnlySpan<float>)[0.5f, 0.25f, 0.125f])
        {
            var d = codec.GetScaledDimensions(scale);
            if (Math.Min(d.Width, d.Height) < minSide)
            {
                break;
            }

            best = d;
        }

        return best;
    }
}
