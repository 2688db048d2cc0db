namespace BasketReasoner.Core.Vision;

/// <summary>
/// A rectangle of an <see cref="RgbaFrame"/>'s pixels, by reference: how a crop reaches the recognizer without a copy
/// or a re-encode. Rows are <see cref="Stride"/> bytes apart (the frame's row), <see cref="Width"/> × 4 of them the
/// view's. Valid while the frame is neither resized nor disposed.
/// </summary>
public readonly struct FrameView
{
    /// <exception cref="ArgumentOutOfRangeException">The rectangle is empty or not inside the frame.</exception>
    public FrameView(RgbaFrame frame, int x, int y, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (x < 0 || y < 0 || x + width > frame.Width || y + height > frame.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), $"View {x},{y} {width}x{height} is outside the {frame.Width}x{frame.Height} frame.");
        }

        (Frame, X, Y, Width, Height) = (frame, x, y, width, height);
    }

    public RgbaFrame Frame { get; }

    public int X { get; }

    public int Y { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes from one row of the view to the next (the frame's row).</summary>
    public int Stride => Frame.Stride;

    /// <summary>From the view's first pixel to its last: <see cref="Height"/> rows <see cref="Stride"/> apart, the last one cut at the view's right edge.</summary>
    public ReadOnlySpan<byte> Pixels => Frame.Pixels.Slice(((Y * Frame.Width) + X) * 4, ((Height - 1) * Stride) + (Width * 4));

    /// <summary>Row <paramref name="y"/> of the view: <see cref="Width"/> × 4 bytes.</summary>
    public ReadOnlySpan<byte> Row(int y) => Frame.Pixels.Slice((((Y + y) * Frame.Width) + X) * 4, Width * 4);
}
