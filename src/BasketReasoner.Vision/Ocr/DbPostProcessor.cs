namespace BasketReasoner.Vision.Ocr;

/// <summary>
/// Differentiable Binarization post-processing (PaddleOCR <c>ppocr/postprocess/db_postprocess.py</c>, after
/// Liao et al., "Real-time Scene Text Detection with Differentiable Binarization", 2020): threshold the
/// probability map, take each 8-connected text kernel, fit its minimum-area rectangle, score it by the mean
/// probability inside (<c>score_mode: fast</c>), drop weak or tiny ones, grow it back by
/// area × unclip ratio / perimeter, and map it to frame pixels. O(map pixels) plus O(k log k) per component.
/// Buffers grow to the largest map seen and are reused; not thread-safe.
/// </summary>
internal sealed class DbPostProcessor
{
    private readonly OcrOptions _options;
    private int[] _labels = [];
    private int[] _stack = [];
    private readonly List<(int Label, int Y, int X0, int X1)> _runs = [];
    private PointF2[] _points = new PointF2[256];

    public DbPostProcessor(OcrOptions options) => _options = options;

    /// <summary>Boxes in frame pixels, best score first, at most <see cref="OcrOptions.MaxCandidates"/> considered.</summary>
    public List<TextBox> Boxes(ReadOnlySpan<float> map, int mapW, int mapH, int frameW, int frameH)
    {
        var components = Label(map, mapW, mapH);
        var boxes = new List<TextBox>();
        if (components == 0)
        {
            return boxes;
        }

        // Each component's hull only needs the two ends of each of its row runs.
        _runs.Sort(static (a, b) => a.Label != b.Label ? a.Label.CompareTo(b.Label) : a.Y.CompareTo(b.Y));
        var sx = (float)frameW / mapW;
        var sy = (float)frameH / mapH;
        Span<PointF2> corners = stackalloc PointF2[4];
        var considered = 0;
        for (var i = 0; i < _runs.Count && considered < _options.MaxCandidates;)
        {
            var label = _runs[i].Label;
            var n = 0;
            for (; i < _runs.Count && _runs[i].Label == label; i++)
            {
                var r = _runs[i];
                EnsurePoints(n + 2);
                _points[n++] = new PointF2(r.X0, r.Y);
                if (r.X1 != r.X0)
                {
                    _points[n++] = new PointF2(r.X1, r.Y);
                }
            }

            considered++;
            var rect = RotatedRect.MinimumArea(_points.AsSpan(0, n));
            if (rect.ShortSide < _options.MinBoxSide)
            {
                continue;
            }

            var score = MeanInside(map, mapW, mapH, rect);
            if (score < _options.BoxThreshold)
            {
                continue;
            }

            var grown = rect.Grow(rect.Area * _options.UnclipRatio / rect.Perimeter);
            if (grown.ShortSide < _options.MinBoxSide + 2)
            {
                continue;
            }

            grown.Corners(corners);
            for (var c = 0; c < 4; c++)
            {
                corners[c] = new PointF2(Math.Clamp(corners[c].X * sx, 0, frameW), Math.Clamp(corners[c].Y * sy, 0, frameH));
            }

            boxes.Add(Order(corners, score));
        }

        boxes.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return boxes;
    }

    /// <summary>Corners as top-left, top-right, bottom-right, bottom-left, the way <c>get_mini_boxes</c> orders them.</summary>
    internal static TextBox Order(Span<PointF2> p, float score)
    {
        p.Sort(static (a, b) => a.X.CompareTo(b.X));
        var (tl, bl) = p[1].Y > p[0].Y ? (p[0], p[1]) : (p[1], p[0]);
        var (tr, br) = p[3].Y > p[2].Y ? (p[2], p[3]) : (p[3], p[2]);
        return new TextBox(tl, tr, br, bl, score);
    }

    // 8-connected labelling of map > threshold by an explicit stack; records each component's row runs.
    private int Label(ReadOnlySpan<float> map, int w, int h)
    {
        var size = w * h;
        if (_labels.Length < size)
        {
            _labels = new int[size];
            _stack = new int[size];
        }

        var labels = _labels.AsSpan(0, size);
        labels.Clear();
        _runs.Clear();
        var threshold = _options.BinaryThreshold;
        var next = 0;
        for (var start = 0; start < size; start++)
        {
            if (labels[start] != 0 || map[start] <= threshold)
            {
                continue;
            }

            var label = ++next;
            var top = 0;
            _stack[top++] = start;
            labels[start] = label;
            while (top > 0)
            {
                var p = _stack[--top];
                int y = p / w, x = p - (y * w);
                for (var dy = -1; dy <= 1; dy++)
                {
                    var yy = y + dy;
                    if ((uint)yy >= (uint)h)
                    {
                        continue;
                    }

                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var xx = x + dx;
                        if ((uint)xx >= (uint)w)
                        {
                            continue;
                        }

                        var q = (yy * w) + xx;
                        if (labels[q] == 0 && map[q] > threshold)
                        {
                            labels[q] = label;
                            _stack[top++] = q;
                        }
                    }
                }
            }
        }

        if (next == 0)
        {
            return 0;
        }

        for (var y = 0; y < h; y++)
        {
            var row = labels.Slice(y * w, w);
            for (var x = 0; x < w;)
            {
                var l = row[x];
                if (l == 0)
                {
                    x++;
                    continue;
                }

                var x0 = x;
                while (x < w && row[x] == l)
                {
                    x++;
                }

                _runs.Add((l, y, x0, x - 1));
            }
        }

        return next;
    }

    // PaddleOCR's box_score_fast: the mean map value over the (not yet unclipped) box.
    private static float MeanInside(ReadOnlySpan<float> map, int w, int h, RotatedRect rect)
    {
        Span<PointF2> c = stackalloc PointF2[4];
        rect.Corners(c);
        var x0 = Math.Clamp((int)MathF.Floor(MathF.Min(MathF.Min(c[0].X, c[1].X), MathF.Min(c[2].X, c[3].X))), 0, w - 1);
        var x1 = Math.Clamp((int)MathF.Ceiling(MathF.Max(MathF.Max(c[0].X, c[1].X), MathF.Max(c[2].X, c[3].X))), 0, w - 1);
        var y0 = Math.Clamp((int)MathF.Floor(MathF.Min(MathF.Min(c[0].Y, c[1].Y), MathF.Min(c[2].Y, c[3].Y))), 0, h - 1);
        var y1 = Math.Clamp((int)MathF.Ceiling(MathF.Max(MathF.Max(c[0].Y, c[1].Y), MathF.Max(c[2].Y, c[3].Y))), 0, h - 1);
        double sum = 0;
        var n = 0;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (rect.Contains(x, y))
                {
                    sum += map[(y * w) + x];
                    n++;
                }
            }
        }

        return n == 0 ? 0 : (float)(sum / n);
    }

    private void EnsurePoints(int n)
    {
        if (_points.Length < n)
        {
            Array.Resize(ref _points, Math.Max(n, _points.Length * 2));
        }
    }
}
