namespace BasketReasoner.Vision.Imaging;

/// <summary>
/// How a pixel value v in [0, 255] of the plane's colour becomes a model input, per output plane, in the exact float
/// arithmetic the model's reference preprocessing uses (a different but equal-looking formula rounds differently).
/// </summary>
public sealed class PixelNormalization
{
    private readonly bool _divide;
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly float _divisor;

    private PixelNormalization(ChannelOrder order, bool divide, float divisor, float[] a, float[] b)
    {
        if (a.Length != 3 || b.Length != 3)
        {
            throw new ArgumentException("Normalisation needs three values per parameter, one per plane.");
        }

        (Order, _divide, _divisor, _a, _b) = (order, divide, divisor, a, b);
    }

    /// <summary>Planes red, green, blue in [0, 1]: v × (1/255).</summary>
    public static PixelNormalization UnitRange { get; } = FromMeanStd([0f, 0f, 0f], [1f, 1f, 1f]);

    public ChannelOrder Order { get; }

    /// <summary>(v / 255 − mean) / std, folded into one multiply-add per sample: v × 1/(255·std) + (−mean/std).</summary>
    /// <param name="mean">Per plane, in [0, 1] units.</param>
    /// <param name="std">Per plane, positive.</param>
    /// <param name="order">Colour of each plane. Default: RGB.</param>
    public static PixelNormalization FromMeanStd(ReadOnlySpan<float> mean, ReadOnlySpan<float> std, ChannelOrder order = ChannelOrder.Rgb)
    {
        Check(mean, std);
        float[] scale = new float[3], offset = new float[3];
        for (var c = 0; c < 3; c++)
        {
            scale[c] = 1f / (255f * std[c]);
            offset[c] = -mean[c] / std[c];
        }

        return new PixelNormalization(order, divide: false, 0f, scale, offset);
    }

    /// <summary>((v / divisor) − mean) / std, evaluated as written (PaddleOCR's <c>NormalizeImage</c> with divisor 255; its recognizer's [−1, 1] with divisor 127.5, mean 1, std 1).</summary>
    public static PixelNormalization DivideMeanStd(float divisor, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, ChannelOrder order)
    {
        Check(mean, std);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divisor);
        return new PixelNormalization(order, divide: true, divisor, mean.ToArray(), std.ToArray());
    }

    /// <summary>The byte offset (0 red, 1 green, 2 blue) within an RGBA pixel that output plane <paramref name="plane"/> reads.</summary>
    public int Source(int plane) => Order == ChannelOrder.Rgb ? plane : 2 - plane;

    /// <summary>The model input for value <paramref name="v"/> on output plane <paramref name="plane"/>.</summary>
    public float Apply(int plane, float v) => _divide ? ((v / _divisor) - _a[plane]) / _b[plane] : (v * _a[plane]) + _b[plane];

    /// <summary>Every byte value's result, per plane: 3 × 256 floats, [plane × 256 + v].</summary>
    internal float[] Table()
    {
        var table = new float[3 * 256];
        for (var plane = 0; plane < 3; plane++)
        {
            for (var v = 0; v < 256; v++)
            {
                table[(plane * 256) + v] = Apply(plane, v);
            }
        }

        return table;
    }

    private static void Check(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length != 3 || std.Length != 3)
        {
            throw new ArgumentException("mean and std need three values each.");
        }

        foreach (var s in std)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(s);
        }
    }
}
