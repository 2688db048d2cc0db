namespace BasketReasoner.Vision.Detection;

/// <summary>
/// Resizes an RGBA frame to the detector's S × S input with bilinear sampling on half-pixel centres (what
/// <c>torch.nn.functional.interpolate(mode="bilinear", align_corners=False)</c> and OpenCV's INTER_LINEAR do),
/// normalising each channel on the way into the planar float tensor. The sampling tables are rebuilt only when
/// the frame size changes (a camera sends one size), so a frame allocates nothing. Not thread-safe.
/// </summary>
internal sealed class BilinearTensorWriter
{
    private readonly int _size;
    private readonly float[] _scale = new float[3];
    private readonly float[] _offset = new float[3];
    private readonly int[] _x0;
    private readonly int[] _x1;
    private readonly float[] _wx;
    private readonly int[] _y0;
    private readonly int[] _y1;
    private readonly float[] _wy;
    private int _width = -1;
    private int _height = -1;

    public BilinearTensorWriter(int size, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        _size = size;
        for (var c = 0; c < 3; c++)
        {
            // (p / 255 - mean) / std as one multiply-add per sample.
            _scale[c] = 1f / (255f * std[c]);
            _offset[c] = -mean[c] / std[c];
        }

        (_x0, _x1, _wx) = (new int[size], new int[size], new float[size]);
        (_y0, _y1, _wy) = (new int[size], new int[size], new float[size]);
    }

    public void Write(ReadOnlySpan<byte> rgba, int width, int height, Span<float> chw)
    {
        if (width != _width || height != _height)
        {
            Tables(width, _x0, _x1, _wx);
            Tables(height, _y0, _y1, _wy);
            (_width, _height) = (width, height);
        }

        var plane = _size * _size;
        var stride = width * 4;
        for (var y = 0; y < _size; y++)
        {
            var row0 = rgba.Slice(_y0[y] * stride, stride);
            var row1 = rgba.Slice(_y1[y] * stride, stride);
            var wy = _wy[y];
            for (var x = 0; x < _size; x++)
            {
                int a = _x0[x] * 4, b = _x1[x] * 4;
                var wx = _wx[x];
                var o = (y * _size) + x;
                for (var c = 0; c < 3; c++)
                {
                    var top = row0[a + c] + (wx * (row0[b + c] - row0[a + c]));
                    var bottom = row1[a + c] + (wx * (row1[b + c] - row1[a + c]));
                    chw[(c * plane) + o] = ((top + (wy * (bottom - top))) * _scale[c]) + _offset[c];
                }
            }
        }
    }

    private void Tables(int source, int[] i0, int[] i1, float[] w)
    {
        var ratio = (float)source / _size;
        for (var d = 0; d < _size; d++)
        {
            var s = MathF.Max(0, ((d + 0.5f) * ratio) - 0.5f);
            var lo = Math.Min((int)s, source - 1);
            i0[d] = lo;
            i1[d] = Math.Min(lo + 1, source - 1);
            w[d] = s - lo;
        }
    }
}
