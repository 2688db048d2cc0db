namespace BasketReasoner.Core.Vision;

/// <summary>
/// Reads the text printed on what a frame shows (brand, fat %, flavour on a pack): detection, then recognition of
/// each detected line. Implementations reuse their buffers; not thread-safe unless they say so.
/// Cost grows with the frame's area (detection) plus the number and length of text lines (recognition).
/// </summary>
public interface ILabelTextReader
{
    /// <summary>Text lines found in the frame, in reading order (top to bottom, then left to right).</summary>
    /// <param name="encodedImage">JPEG or PNG bytes.</param>
    /// <exception cref="InvalidImageException">The bytes are not a decodable image.</exception>
    IReadOnlyList<RecognizedText> Read(ReadOnlySpan<byte> encodedImage);

    /// <summary>Text lines found in decoded pixels (a whole frame or a crop view), in reading order.</summary>
    /// <param name="image">The pixels; read during the call only. Positions are in the view's pixels.</param>
    IReadOnlyList<RecognizedText> Read(FrameView image);
}
