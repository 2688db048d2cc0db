using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// The box around the largest connected region that changed between before and after, on a grid of square
/// cells: what an add or remove disturbed when the detector found no box for it. A cell is changed when more than
/// half its sampled pixels are. Scratch buffers grow to the largest grid seen; not thread-safe.
/// </summary>
public sealed class ChangeRegion
{
    private bool[] _changed = [];
    private int[] _label = [];
    private int[] _stack = [];

    /// <returns>The region's box in frame pixels and its cell count, or <c>null</c> when no region has
    /// <paramref name="minCells"/> cells.</returns>
    public (ItemBox Box, int Cells)? Find(RgbaFrame before, RgbaFrame after, int cell, int pixelThreshold, int minCells)
    {
        var gw = (before.Width + cell - 1) / cell;
        var gh = (before.Height + cell - 1) / cell;
        var n = gw * gh;
        if (_changed.Length < n)
        {
            (_changed, _label, _stack) = (new bool[n], new int[n], new int[n]);
        }

        for (var gy = 0; gy < gh; gy++)
        {
            for (var gx = 0; gx < gw; gx++)
            {
                var box = new ItemBox(gx * cell, gy * cell, Math.Min((gx + 1) * cell, before.Width), Math.Min((gy + 1) * cell, before.Height));
                _changed[(gy * gw) + gx] = PixelChange.Fraction(before, after, box, pixelThreshold, 2) > 0.5f;
            }
        }

        Array.Clear(_label, 0, n);
        var best = 0;
        (int X0, int Y0, int X1, int Y1) bestBox = default;
        var next = 0;
        for (var start = 0; start < n; start++)
        {
            if (!_changed[start] || _label[start] != 0)
            {
                continue;
            }

            next++;
            var count = 0;
            var (x0, y0, x1, y1) = (int.MaxValue, int.MaxValue, -1, -1);
            var top = 0;
            _stack[top++] = start;
            _label[start] = next;
            while (top > 0)
            {
                var i = _stack[--top];
                var (x, y) = (i % gw, i / gw);
                count++;
                (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                Visit(x - 1, y);
                Visit(x + 1, y);
                Visit(x, y - 1);
                Visit(x, y + 1);
            }

            if (count > best)
            {
                (best, bestBox) = (count, (x0, y0, x1, y1));
            }

            void Visit(int x, int y)
            {
                if (x >= 0 && y >= 0 && x < gw && y < gh)
                {
                    var j = (y * gw) + x;
                    if (_changed[j] && _label[j] == 0)
                    {
                        _label[j] = next;
                        _stack[top++] = j;
                    }
                }
            }
        }

        if (best < minCells)
        {
            return null;
        }

        return (new ItemBox(
            bestBox.X0 * cell, bestBox.Y0 * cell,
            Math.Min((bestBox.X1 + 1) * cell, before.Width), Math.Min((bestBox.Y1 + 1) * cell, before.Height)), best);
    }
}
