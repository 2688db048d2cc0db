using BasketReasoner.Core.Vision;

namespace BasketReasoner.Vision.Imaging;

/// <summary><see cref="Resampling.AntialiasedBilinear"/>: two separable passes over precomputed tap tables.</summary>
public sealed partial class TensorWriter
{
    // Per output column (row): the first source index, the tap count, and MaxTaps weights (normalised to sum 1).
    private readonly FilterTable _columnTaps = new();
    private readonly FilterTable _rowTaps = new();

    // Horizontal pass output: source rows × target columns × 3 channels, in floats (no rounding between passes).
    private float[] _horizontal = [];

    private void WriteAntialiased(FrameView source, int width, int height, Span<float> chw)
    {
        _columnTaps.Use(source.Width, width);
        _rowTaps.Use(source.Height, height);

        var needed = source.Height * width * 3;
        if (_horizontal.Length < needed)
        {
            _horizontal = new float[needed];
        }

        int s0 = _source[0], s1 = _source[1], s2 = _source[2];
        var cols = _columnTaps;
        for (var y = 0; y < source.Height; y++)
        {
            var row = source.Row(y);
            var o = y * width * 3;
            for (var x = 0; x < width; x++, o += 3)
            {
                var start = cols.Start[x];
                var weights = cols.Weights.AsSpan(x * cols.MaxTaps, cols.Count[x]);
                float c0 = 0, c1 = 0, c2 = 0;
                for (int k = 0, j = start * 4; k < weights.Length; k++, j += 4)
                {
                    var w = weights[k];
                    c0 += w * row[j + s0];
                    c1 += w * row[j + s1];
                    c2 += w * row[j + s2];
                }

                _horizontal[o] = c0;
                _horizontal[o + 1] = c1;
                _horizontal[o + 2] = c2;
            }
        }

        var plane = width * height;
        var rows = _rowTaps;
        var line = width * 3;
        for (var y = 0; y < height; y++)
        {
            var start = rows.Start[y];
            var weights = rows.Weights.AsSpan(y * rows.MaxTaps, rows.Count[y]);
            for (var x = 0; x < width; x++)
            {
                float c0 = 0, c1 = 0, c2 = 0;
                for (int k = 0, j = (start * line) + (x * 3); k < weights.Length; k++, j += line)
                {
                    var w = weights[k];
                    c0 += w * _horizontal[j];
                    c1 += w * _horizontal[j + 1];
                    c2 += w * _horizontal[j + 2];
                }

                var o = (y * width) + x;
                chw[o] = _normalization.Apply(0, Math.Clamp(c0, 0f, 255f));
                chw[plane + o] = _normalization.Apply(1, Math.Clamp(c1, 0f, 255f));
                chw[(2 * plane) + o] = _normalization.Apply(2, Math.Clamp(c2, 0f, 255f));
            }
        }
    }

    /// <summary>
    /// The taps of one axis: for each target index, which source pixels it averages and with what weights. Rebuilt in
    /// place when a size changes (each crop has its own), into arrays that only ever grow, so a steady state of frames
    /// and crops allocates nothing.
    /// </summary>
    internal sealed class FilterTable
    {
        public int Source { get; private set; } = -1;

        public int Target { get; private set; } = -1;

        public int MaxTaps { get; private set; }

        public int[] Start { get; private set; } = [];

        public int[] Count { get; private set; } = [];

        public float[] Weights { get; private set; } = [];

        /// <summary>
        /// PIL's bilinear resample: target d is centred on source (d + 0.5)·scale; the triangle's half-width is
        /// max(scale, 1) source pixels, so shrinking averages every pixel it covers instead of skipping some.
        /// </summary>
        public void Use(int source, int target)
        {
            if (source == Source && target == Target)
            {
                return;
            }

            var scale = (double)source / target;
            var filterScale = Math.Max(scale, 1.0);
            var support = filterScale;
            var maxTaps = ((int)Math.Ceiling(support) * 2) + 1;
            if (Start.Length < target)
            {
                (Start, Count) = (new int[target], new int[target]);
            }

            if (Weights.Length < target * maxTaps)
            {
                Weights = new float[target * maxTaps];
            }

            for (var d = 0; d < target; d++)
            {
                var center = (d + 0.5) * scale;
                var lo = Math.Max((int)(center - support + 0.5), 0);
                var hi = Math.Min((int)(center + support + 0.5), source);
                var n = Math.Min(hi - lo, maxTaps);
                var w = Weights.AsSpan(d * maxTaps, maxTaps);
                double sum = 0;
                for (var k = 0; k < n; k++)
                {
                    var t = Math.Abs((lo + k - center + 0.5) / filterScale);
                    w[k] = t < 1 ? (float)(1 - t) : 0f;
                    sum += w[k];
                }

                for (var k = 0; k < n; k++)
                {
                    w[k] = sum > 0 ? (float)(w[k] / sum) : 0f;
                }

                (Start[d], Count[d]) = (lo, n);
            }

            (Source, Target, MaxTaps) = (source, target, maxTaps);
        }
    }
}
