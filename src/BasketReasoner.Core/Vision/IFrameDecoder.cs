namespace BasketReasoner.Core.Vision;

/// <summary>Decodes camera frames (JPEG/PNG) into pixels: the one place encoded bytes become a frame. Not thread-safe.</summary>
public interface IFrameDecoder
{
    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="frame"/> (resized to the decoded image).</summary>
    /// <param name="minSide">
    /// 0: full size. Above 0, a JPEG may be decoded at 1/2, 1/4 or 1/8 scale (nearly free inside the DCT, and a cheap
    /// anti-alias) as long as its shorter side stays at least this many pixels.
    /// </param>
    /// <exception cref="InvalidImageException">The bytes are not a decodable image, or the image is too large.</exception>
    void Decode(ReadOnlySpan<byte> encoded, RgbaFrame frame, int minSide = 0);
}
