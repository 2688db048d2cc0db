namespace BasketReasoner.Core.Vision;

/// <summary>
/// A decoded frame: interleaved RGBA bytes, row-major, no padding. The buffer only grows, so a frame object reused
/// for every frame of one camera allocates once. Not thread-safe.
/// </summary>
public sealed class RgbaFrame
{
    private byte[] _pixels = [];

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>The <see cref="Width"/> × <see cref="Height"/> × 4 bytes of the current frame.</summary>
    public Span<byte> Pixels => _pixels.AsSpan(0, Width * Height * 4);

    /// <summary>The backing array (may be longer than <see cref="Pixels"/>), for native decoders that pin it.</summary>
    public byte[] Buffer => _pixels;

    /// <summary>Sets the size, growing the buffer when needed; the contents are undefined until written.</summary>
    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var bytes = checked(width * height * 4);
        if (_pixels.Length < bytes)
        {
            _pixels = new byte[bytes];
        }

        (Width, Height) = (width, height);
    }
}
