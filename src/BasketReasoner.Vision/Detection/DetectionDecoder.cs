using BasketReasoner.Core.Vision;

namespace BasketReasoner.Vision.Detection;

/// <summary>
/// Turns the detector's two output maps into frame-pixel boxes: every cell at or above the score threshold (the
/// graph already zeroed non-peaks) becomes a box from its centre and ltrb distances, then class-agnostic greedy NMS
/// keeps the best boxes. Scratch buffers are sized once for the grid; not thread-safe.
/// </summary>
internal sealed class DetectionDecoder
{
    private static readonly Comparison<ItemDetection> ByScoreDescending = (a, b) => b.Score.CompareTo(a.Score);

    private readonly int _grid;
    private readonly int _stride;
    private readonly List<ItemDetection> _candidates;

    public DetectionDecoder(int gridSize, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        _grid = gridSize;
        _stride = stride;
        _candidates = new List<ItemDetection>(gridSize * gridSize);
    }

    /// <param name="scores">[grid × grid] objectness, peaks only.</param>
    /// <param name="ltrb">[4 × grid × grid] distances in input pixels from each cell centre to the box edges.</param>
    /// <param name="scaleX">Frame pixels per input pixel, horizontally.</param>
    /// <param name="scaleY">Frame pixels per input pixel, vertically.</param>
    /// <param name="frameWidth">Boxes are clipped to the frame.</param>
    /// <param name="frameHeight">Boxes are clipped to the frame.</param>
    /// <param name="threshold">Lowest score kept.</param>
    /// <param name="nmsIou">A box overlapping a better one by more than this IoU is dropped.</param>
    /// <param name="maxDetections">Most boxes returned.</param>
    /// <param name="detections">Cleared, then filled best first.</param>
    public void Decode(
        ReadOnlySpan<float> scores, ReadOnlySpan<float> ltrb, float scaleX, float scaleY, int frameWidth, int frameHeight,
        float threshold, float nmsIou, int maxDetections, List<ItemDetection> detections)
    {
        var cells = _grid * _grid;
        if (scores.Length < cells || ltrb.Length < 4 * cells)
        {
            throw new ArgumentException($"Expected {cells} scores and {4 * cells} ltrb values for a {_grid}² grid.");
        }

        _candidates.Clear();
        for (var i = 0; i < cells; i++)
        {
            var score = scores[i];
            if (!(score >= threshold))
            {
                continue;
            }

            var cx = ((i % _grid) + 0.5f) * _stride;
            var cy = ((i / _grid) + 0.5f) * _stride;
            var box = new ItemBox(
                Math.Clamp((cx - MathF.Max(0, ltrb[i])) * scaleX, 0, frameWidth),
                Math.Clamp((cy - MathF.Max(0, ltrb[cells + i])) * scaleY, 0, frameHeight),
                Math.Clamp((cx + MathF.Max(0, ltrb[(2 * cells) + i])) * scaleX, 0, frameWidth),
                Math.Clamp((cy + MathF.Max(0, ltrb[(3 * cells) + i])) * scaleY, 0, frameHeight));
            if (box.Area > 0)
            {
                _candidates.Add(new ItemDetection(box, score));
            }
        }

        Nms(_candidates, nmsIou, maxDetections, detections);
    }

    /// <summary>Greedy class-agnostic NMS: sorts <paramref name="candidates"/> by score and keeps boxes that overlap no kept box by more than <paramref name="iou"/>.</summary>
    internal static void Nms(List<ItemDetection> candidates, float iou, int max, List<ItemDetection> kept)
    {
        kept.Clear();
        candidates.Sort(ByScoreDescending);
        foreach (var c in candidates)
        {
            var keep = true;
            foreach (var k in kept)
            {
                if (k.Box.IoU(c.Box) > iou)
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                kept.Add(c);
                if (kept.Count == max)
                {
                    return;
                }
            }
        }
    }
}
