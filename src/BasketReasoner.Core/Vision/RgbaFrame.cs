namespace BasketReasoner.Core.Vision;

/// <summary>
/// A decoded frame: interleaved RGBA bytes, row-major, no padding (stride = 4 × <see cref="Width"/>). The buffer is
/// rented from a pool of pinned buffers and only grows, so a frame object reused for every frame of one camera rents
/// once; <see cref="Dispose"/> returns it (the frame may be used again, and rents anew). Crops are
/// <see cref="FrameView"/>s over it, not copies. Not thread-safe.
/// </summary>
public sealed class RgbaFrame : IDisposable
{
    private byte[] _pixels = [];

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Bytes from one row to the next: 4 × <see cref="Width"/>.</summary>
    public int Stride => Width * 4;

    /// <summary>The <see cref="Width"/> × <see cref="Height"/> × 4 bytes of the current frame.</summary>
    /// <remarks>The buffer is pinned: a pointer taken from this span stays valid until the next <see cref="Resize"/> or <see cref="Dispose"/>.</remarks>
    public Span<byte> Pixels => _pixels.AsSpan(0, Width * Height * 4);

    /// <summary>Sets the size, growing the buffer when needed; the contents are undefined until written.</summary>
    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var bytes = checked(width * height * 4);
        if (_pixels.Length < bytes)
        {
            var old = _pixels;
            _pixels = PixelBufferPool.Rent(bytes);
            PixelBufferPool.Return(old);
        }

        (Width, Height) = (width, height);
    }

    /// <summary>The whole frame as a view.</summary>
    public FrameView View() => new(this, 0, 0, Width, Height);

    /// <summary>The pixels of <paramref name="box"/> as a view (no copy): outward-rounded, clipped to the frame, at least 1 × 1.</summary>
    public FrameView Crop(ItemBox box)
    {
        if (Width == 0)
        {
            throw new InvalidOperationException("The frame holds no pixels.");
        }

        var x0 = Math.Clamp((int)MathF.Floor(box.X0), 0, Width - 1);
        var y0 = Math.Clamp((int)MathF.Floor(box.Y0), 0, Height - 1);
        var x1 = Math.Clamp((int)MathF.Ceiling(box.X1), x0 + 1, Width);
        var y1 = Math.Clamp((int)MathF.Ceiling(box.Y1), y0 + 1, Height);
        return new FrameView(this, x0, y0, x1 - x0, y1 - y0);
    }

    public static implicit operator FrameView(RgbaFrame frame) => frame.View();

    /// <summary>Returns the buffer to the pool; the frame is then empty (0 × 0).</summary>
    public void Dispose()
    {
        var old = _pixels;
        (_pixels, Width, Height) = ([], 0, 0);
        PixelBufferPool.Return(old);
    }
}
