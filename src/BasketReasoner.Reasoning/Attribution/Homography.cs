namespace BasketReasoner.Reasoning.Attribution;

/// <summary>A 3 × 3 projective map, row-major; here from camera image pixels to cart-floor coordinates.</summary>
public readonly struct Homography
{
    private readonly double _h0, _h1, _h2, _h3, _h4, _h5, _h6, _h7, _h8;

    public Homography(ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != 9 || !rowMajor.ToArray().All(double.IsFinite))
        {
            throw new FormatException($"a homography needs 9 finite numbers, got {rowMajor.Length}");
        }

        (_h0, _h1, _h2, _h3, _h4, _h5, _h6, _h7, _h8) =
            (rowMajor[0], rowMajor[1], rowMajor[2], rowMajor[3], rowMajor[4], rowMajor[5], rowMajor[6], rowMajor[7], rowMajor[8]);
    }

    /// <summary>Maps (x, y); a point on the horizon (w ≈ 0) maps to NaN.</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        var w = (_h6 * x) + (_h7 * y) + _h8;
        if (Math.Abs(w) < 1e-12)
        {
            return (double.NaN, double.NaN);
        }

        return ((_h0 * x + _h1 * y + _h2) / w, (_h3 * x + _h4 * y + _h5) / w);
    }
}
