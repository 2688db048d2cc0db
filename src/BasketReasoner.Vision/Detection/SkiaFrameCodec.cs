using BasketReasoner.Core.Vision;
using SkiaSharp;

namespace BasketReasoner.Vision.Detection;

/// <summary>
/// Decodes camera frames with SkiaSharp straight into an <see cref="RgbaFrame"/>'s reused buffer, and encodes item
/// crops as JPEG for the recognizer. Not thread-safe.
/// </summary>
public sealed unsafe class SkiaFrameCodec : IFrameCodec
{
    private readonly int _maxSide;
    private readonly int _quality;

    /// <param name="maxFrameSide">Largest frame side accepted, in pixels. Default: 4096.</param>
    /// <param name="cropQuality">JPEG quality of crops; high, since the crop is re-decoded by the recognizer. Default: 95.</param>
    public SkiaFrameCodec(int maxFrameSide = 4096, int cropQuality = 95)
    {
        _maxSide = maxFrameSide;
        _quality = cropQuality;
    }

    public void Decode(ReadOnlySpan<byte> encoded, RgbaFrame frame)
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

            frame.Resize(w, h);
            var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            fixed (byte* dst = frame.Buffer)
            {
                var result = codec.GetPixels(info, (nint)dst);
                if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                {
                    throw new InvalidImageException($"The frame could not be decoded: {result}.");
                }
            }
        }
    }

    public byte[] EncodeCrop(RgbaFrame frame, ItemBox box)
    {
        var x0 = Math.Clamp((int)MathF.Floor(box.X0), 0, frame.Width - 1);
        var y0 = Math.Clamp((int)MathF.Floor(box.Y0), 0, frame.Height - 1);
        var x1 = Math.Clamp((int)MathF.Ceiling(box.X1), x0 + 1, frame.Width);
        var y1 = Math.Clamp((int)MathF.Ceiling(box.Y1), y0 + 1, frame.Height);
        var info = new SKImageInfo(x1 - x0, y1 - y0, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        fixed (byte* px = frame.Buffer)
        {
            // A pixmap over the crop's first pixel with the frame's row stride: no copy before the encoder.
            var origin = (nint)(px + (((y0 * frame.Width) + x0) * 4));
            using var pixmap = new SKPixmap(info, origin, frame.Width * 4);
            using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, _quality)
                ?? throw new InvalidOperationException("JPEG encoding of a crop failed.");
            return data.ToArray();
        }
    }
}
