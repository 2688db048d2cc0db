using BasketReasoner.Core.Vision;

namespace BasketReasoner.Eval.Detection;

/// <summary>
/// Class-agnostic average precision at one IoU threshold, VOC style: detections over all images sorted by score,
/// each matched to the unmatched ground-truth box it overlaps most (at least the threshold), precision made
/// monotone from the right, and the area under the precision–recall curve summed at every recall step
/// ("all-point" interpolation, VOC 2010+).
/// </summary>
public sealed class AveragePrecision(float iouThreshold = 0.5f)
{
    private readonly List<(float Score, bool TruePositive)> _scored = [];

    public int GroundTruth { get; private set; }

    public int Images { get; private set; }

    public int DetectionCount => _scored.Count;

    /// <summary>Adds one image: its detections (any order) and its ground-truth boxes.</summary>
    public void Add(IReadOnlyList<ItemDetection> detections, IReadOnlyList<ItemBox> truth)
    {
        Images++;
        GroundTruth += truth.Count;
        var taken = new bool[truth.Count];
        foreach (var d in detections.OrderByDescending(d => d.Score))
        {
            var best = -1;
            var bestIou = iouThreshold;
            for (var g = 0; g < truth.Count; g++)
            {
                var iou = d.Box.IoU(truth[g]);
                if (!taken[g] && iou >= bestIou)
                {
                    (best, bestIou) = (g, iou);
                }
            }

            if (best >= 0)
            {
                taken[best] = true;
            }

            _scored.Add((d.Score, best >= 0));
        }
    }

    /// <summary>AP in [0, 1]; 0 when there is no ground truth.</summary>
    public double Compute()
    {
        if (GroundTruth == 0)
        {
            return 0;
        }

        var sorted = _scored.OrderByDescending(s => s.Score).ToArray();
        var precision = new double[sorted.Length];
        var recall = new double[sorted.Length];
        var tp = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            tp += sorted[i].TruePositive ? 1 : 0;
            precision[i] = (double)tp / (i + 1);
            recall[i] = (double)tp / GroundTruth;
        }

        for (var i = sorted.Length - 2; i >= 0; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }

        double ap = 0, previousRecall = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            ap += (recall[i] - previousRecall) * precision[i];
            previousRecall = recall[i];
        }

        return ap;
    }

    /// <summary>Recall at the end of the ranked list (every detection kept).</summary>
    public double MaxRecall => GroundTruth == 0 ? 0 : (double)_scored.Count(s => s.TruePositive) / GroundTruth;
}
