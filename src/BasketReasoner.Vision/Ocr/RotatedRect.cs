namespace BasketReasoner.Vision.Ocr;

/// <summary>
/// A rectangle of any rotation: centre, unit axis along its width, and side lengths. Built as the minimum-area
/// rectangle around a point set (what OpenCV's <c>minAreaRect</c> gives PaddleOCR's <c>get_mini_boxes</c>).
/// </summary>
internal readonly record struct RotatedRect(float Cx, float Cy, float Ux, float Uy, float Width, float Height)
{
    public float ShortSide => MathF.Min(Width, Height);

    public float Area => Width * Height;

    public float Perimeter => 2 * (Width + Height);

    /// <summary>The same rectangle grown by <paramref name="distance"/> on every side.</summary>
    /// <remarks>
    /// PaddleOCR unclips the box polygon with a rounded pyclipper offset and takes the minimum-area rectangle of the
    /// result; for a rectangle that is exactly this, so no polygon clipping is needed.
    /// </remarks>
    public RotatedRect Grow(float distance) => this with { Width = Width + (2 * distance), Height = Height + (2 * distance) };

    /// <summary>Whether (x, y) lies inside (borders included).</summary>
    public bool Contains(float x, float y)
    {
        var dx = x - Cx;
        var dy = y - Cy;
        var u = (dx * Ux) + (dy * Uy);
        var v = (-dx * Uy) + (dy * Ux);
        return MathF.Abs(u) <= (Width / 2) + 1e-3f && MathF.Abs(v) <= (Height / 2) + 1e-3f;
    }

    /// <summary>The four corners, in no particular order.</summary>
    public void Corners(Span<PointF2> corners)
    {
        var hx = Ux * Width / 2;
        var hy = Uy * Width / 2;
        var vx = -Uy * Height / 2;
        var vy = Ux * Height / 2;
        corners[0] = new PointF2(Cx - hx - vx, Cy - hy - vy);
        corners[1] = new PointF2(Cx + hx - vx, Cy + hy - vy);
        corners[2] = new PointF2(Cx + hx + vx, Cy + hy + vy);
        corners[3] = new PointF2(Cx - hx + vx, Cy - hy + vy);
    }

    /// <summary>
    /// Minimum-area enclosing rectangle of <paramref name="points"/> by rotating calipers over its convex hull:
    /// O(n log n) for the hull plus O(h²) for the h hull edges (h is a few dozen for a text blob).
    /// <paramref name="points"/> is reordered in place.
    /// </summary>
    public static RotatedRect MinimumArea(Span<PointF2> points)
    {
        if (points.Length == 0)
        {
            return default;
        }

        var hullCount = ConvexHull(points);
        var hull = points[..hullCount];
        if (hullCount == 1)
        {
            return new RotatedRect(hull[0].X, hull[0].Y, 1, 0, 0, 0);
        }

        var best = default(RotatedRect);
        var bestArea = float.PositiveInfinity;
        for (var i = 0; i < hullCount; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hullCount];
            var len = a.DistanceTo(b);
            if (len < 1e-6f)
            {
                continue;
            }

            var ux = (b.X - a.X) / len;
            var uy = (b.Y - a.Y) / len;
            float minU = float.PositiveInfinity, maxU = float.NegativeInfinity, minV = float.PositiveInfinity, maxV = float.NegativeInfinity;
            foreach (var p in hull)
            {
                var u = (p.X * ux) + (p.Y * uy);
                var v = (-p.X * uy) + (p.Y * ux);
                minU = MathF.Min(minU, u);
                maxU = MathF.Max(maxU, u);
                minV = MathF.Min(minV, v);
                maxV = MathF.Max(maxV, v);
            }

            var area = (maxU - minU) * (maxV - minV);
            if (area < bestArea)
            {
                bestArea = area;
                var cu = (minU + maxU) / 2;
                var cv = (minV + maxV) / 2;
                best = new RotatedRect((cu * ux) - (cv * uy), (cu * uy) + (cv * ux), ux, uy, maxU - minU, maxV - minV);
            }
        }

        return best;
    }

    // Andrew's monotone chain; the hull is written to the front of the span, counter-clockwise, no collinear points.
    private static int ConvexHull(Span<PointF2> p)
    {
        p.Sort(static (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        var n = p.Length;
        if (n < 3)
        {
            return n == 2 && p[0] == p[1] ? 1 : n;
        }

        var hull = new PointF2[2 * n];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0)
            {
                k--;
            }

            hull[k++] = p[i];
        }

        for (int i = n - 2, t = k + 1; i >= 0; i--)
        {
            while (k >= t && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0)
            {
                k--;
            }

            hull[k++] = p[i];
        }

        k--;
        hull.AsSpan(0, k).CopyTo(p);
        return k;
    }

    private static float Cross(PointF2 o, PointF2 a, PointF2 b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
}
