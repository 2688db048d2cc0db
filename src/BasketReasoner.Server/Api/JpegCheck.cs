using System.Buffers;
using SkiaSharp;

namespace BasketReasoner.Server.Api;

/// <summary>
/// Proves a frame is a whole JPEG before anything is resolved: it must end with the EOI marker and decode completely
/// (at 1/8 scale, the JPEG's own DCT scaling, so the check costs a fraction of the real decode). A truncated JPEG,
/// or one whose header promises more pixels than its data holds, decodes only partly (the rest would be grey) and is
/// refused, instead of being recognised from an almost blank image.
/// </summary>
internal static class JpegCheck
{
    /// <summary>Largest side accepted, in pixels (the recognizer's preprocessing refuses more, too).</summary>
    /// <remarks>4096: the decoder and the preprocessing's default limit, so a bigger frame is refused here with this
    /// message instead of later with theirs (it used to say 8192 here and 4096 there).</remarks>
    public const int MaxSide = 4096;

    // When the entropy-coded data runs out (an end marker too early: a cut file with an end marker added, or a header
    // that promises more pixels than the data holds), libjpeg warns, zero-fills the missing blocks and reports
    // success; at 1/8 scale a zero block is exactly mid-grey (128, 128, 128). So: an image whose last pixels in raster
    // order — at least a quarter of a row — are all exactly that grey, above pixels that are not, ends in the
    // decoder's fill, not in the picture. (A cut inside the last quarter row is not seen: it loses little.)
    private static bool EndsInFill(ReadOnlySpan<byte> rgba, int rowBytes)
    {
        static bool Grey(ReadOnlySpan<byte> p, int i) => p[i] == 128 && p[i + 1] == 128 && p[i + 2] == 128;

        var pixels = rgba.Length / 4;
        var run = 0;
        while (run < pixels && Grey(rgba, (pixels - 1 - run) * 4))
        {
            run++;
        }

        return run < pixels && run >= Math.Max(2, rowBytes / 4 / 4);
    }

    /// <returns><c>null</c> when the JPEG is whole, else why not (one sentence, without the field name).</returns>
    public static unsafe string? Problem(ReadOnlySpan<byte> jpeg)
    {
        var end = jpeg.Length;
        if (end < 4 || jpeg[end - 2] != 0xFF || jpeg[end - 1] != 0xD9)
        {
            return "could not be decoded: it is not a whole JPEG (no end-of-image marker at its end; truncated?)";
        }

        fixed (byte* p = jpeg)
        {
            using var data = SKData.Create((nint)p, jpeg.Length);
            using var codec = SKCodec.Create(data);
            if (codec is null)
            {
                return "could not be decoded as a JPEG";
            }

            var info = codec.Info;
            if (info.Width < 1 || info.Height < 1 || info.Width > MaxSide || info.Height > MaxSide)
            {
                return $"is {info.Width}x{info.Height} pixels; at most {MaxSide}x{MaxSide} are accepted";
            }

            var scaled = codec.GetScaledDimensions(1f / 8);
            var target = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            var buffer = ArrayPool<byte>.Shared.Rent(target.BytesSize);
            try
            {
                fixed (byte* dst = buffer)
                {
                    var result = codec.GetPixels(target, (nint)dst);
                    if (result == SKCodecResult.Success && EndsInFill(buffer.AsSpan(0, target.BytesSize), target.RowBytes))
                    {
                        result = SKCodecResult.IncompleteInput;
                    }

                    return result == SKCodecResult.Success
                        ? null
                        : result == SKCodecResult.IncompleteInput
                            ? $"could not be decoded whole: its header promises {info.Width}x{info.Height} pixels but its data ends early"
                            : $"could not be decoded as a JPEG ({result})";
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
