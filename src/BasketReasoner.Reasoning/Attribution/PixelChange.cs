using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>How much of a box changed between two frames of one camera.</summary>
public static class PixelChange
{
    /// <summary>
    /// Fraction of sampled pixels inside <paramref name="box"/> whose summed RGB difference exceeds
    /// <paramref name="threshold"/>; 0 for an empty box.
    /// </summary>
    public static float Fraction(RgbaFrame a, RgbaFrame b, ItemBox box, int threshold, int step = 1)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Before and after frames differ in size ({a.Width}x{a.Height} vs {b.Width}x{b.Height}).");
        }

        var x0 = Math.Clamp((int)box.X0, 0, a.Width);
        var y0 = Math.Clamp((int)box.Y0, 0, a.Height);
        var x1 = Math.Clamp((int)MathF.Ceiling(box.X1), 0, a.Width);
        var y1 = Math.Clamp((int)MathF.Ceiling(box.Y1), 0, a.Height);
        step = Math.Max(1, step);
        ReadOnlySpan<byte> pa = a.Pixels;
        ReadOnlySpan<byte> pb = b.Pixels;
        int changed = 0, total = 0;
        for (var y = y0; y < y1; y += step)
        {
            var row = y * a.Width * 4;
            for (var x = x0; x < x1; x += step)
            {
                var i = row + (x * 4);
                var d = Math.Abs(pa[i] - pb[i]) + Math.Abs(pa[i + 1] - pb[i + 1]) + Math.Abs(pa[i + 2] - pb[i + 2]);
                changed += d > threshold ? 1 : 0;
                total++;
            }
        }

        return total == 0 ? 0 : (float)changed / total;
    }
}
