namespace BasketReasoner.Core.Vision;

/// <summary>Decodes camera frames to pixels and encodes crops of them for the recognizer. Not thread-safe.</summary>
public interface IFrameCodec
{
    /// <summary>Decodes JPEG/PNG bytes into <paramref name="frame"/> (resized to the image).</summary>
    /// <exception cref="InvalidImageException">The bytes are not a decodable image.</exception>
    void Decode(ReadOnlySpan<byte> encoded, RgbaFrame frame);

    /// <summary>The pixels of <paramref name="box"/> (clipped to the frame) as a new JPEG.</summary>
    byte[] EncodeCrop(RgbaFrame frame, ItemBox box);
}
