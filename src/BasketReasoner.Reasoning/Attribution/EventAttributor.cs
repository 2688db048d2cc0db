using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// Finds the item an event is about in every camera. Per camera, the candidates are the boxes on the side where
/// the item is (after for an add, before for a remove); each scores change × novelty: the fraction of its pixels
/// that changed between before and after, discounted by its best IoU with a box on the other side (an item that
/// was already there, or is still there). Across cameras the candidates are paired on the cart floor through each
/// camera's calibration, so two views agree on one physical item. A camera with no box that changed enough is
/// attributed to its whole frame, and says so.
/// </summary>
public sealed class EventAttributor
{
    private readonly CameraRig? _rig;
    private readonly ChangeRegion _region = new();

    public EventAttributor(AttributionOptions options, CameraRig? rig = null)
    {
        Options = options;
        _rig = rig;
    }

    public AttributionOptions Options { get; }

    public IReadOnlyList<ViewAttribution> Attribute(CartEventType type, IReadOnlyList<CameraView> views)
    {
        var candidates = new List<Candidate>[views.Count];
        var result = new ViewAttribution[views.Count];
        for (var v = 0; v < views.Count; v++)
        {
            candidates[v] = Candidates(type, views[v]);
            var items = (type == CartEventType.Add ? views[v].AfterItems : views[v].BeforeItems).Count;
            if (candidates[v].Count == 0)
            {
                var best = BestChange(type, views[v]);
                var region = Options.ChangeRegionFallback
                    ? _region.Find(views[v].Before, views[v].After, Options.ChangeCell, Options.PixelChangeThreshold, Options.MinRegionCells)
                    : null;
                result[v] = region is { } r
                    ? new ViewAttribution(views[v].Camera, r.Box, 0, best, items, "change-region")
                    : new ViewAttribution(views[v].Camera, null, 0, best, items, items == 0 ? "whole-frame: no items detected" : "whole-frame: no changed box");
            }
            else
            {
                var c = candidates[v][0];
                result[v] = new ViewAttribution(views[v].Camera, c.Box, c.Score, c.Change, items, "changed-box");
            }
        }

        PairOnFloor(views, candidates, result);
        return result;
    }

    private List<Candidate> Candidates(CartEventType type, CameraView view)
    {
        var (here, other) = type == CartEventType.Add ? (view.AfterItems, view.BeforeItems) : (view.BeforeItems, view.AfterItems);
        var list = new List<Candidate>(here.Count);
        foreach (var d in here)
        {
            var change = PixelChange.Fraction(view.Before, view.After, d.Box, Options.PixelChangeThreshold, Options.ChangeSampleStep);
            if (change < Options.MinChange)
            {
                continue;
            }

            var overlap = 0f;
            foreach (var o in other)
            {
                overlap = MathF.Max(overlap, d.Box.IoU(o.Box));
            }

            list.Add(new Candidate(d.Box, change * (1 - (Options.NoveltyWeight * overlap)), change));
        }

        list.Sort((a, b) => b.Score.CompareTo(a.Score));
        if (list.Count > Options.CandidatesPerCamera)
        {
            list.RemoveRange(Options.CandidatesPerCamera, list.Count - Options.CandidatesPerCamera);
        }

        return list;
    }

    private float BestChange(CartEventType type, CameraView view)
    {
        var best = 0f;
        foreach (var d in type == CartEventType.Add ? view.AfterItems : view.BeforeItems)
        {
            best = MathF.Max(best, PixelChange.Fraction(view.Before, view.After, d.Box, Options.PixelChangeThreshold, Options.ChangeSampleStep));
        }

        return best;
    }

    // Exhaustive over the calibrated cameras' top candidates (3 per camera, 2–4 cameras: at most 81 combinations):
    // the summed score minus a penalty for every pair of views whose floor points disagree.
    private void PairOnFloor(IReadOnlyList<CameraView> views, List<Candidate>[] candidates, ViewAttribution[] result)
    {
        if (_rig is null)
        {
            return;
        }

        var members = new List<int>();
        var floors = new List<(double X, double Y)[]>();
        for (var v = 0; v < views.Count; v++)
        {
            if (candidates[v].Count > 0 && _rig.TryGetFloorFromImage(views[v].Camera, out var h))
            {
                members.Add(v);
                floors.Add(candidates[v].Select(c => h.Apply(c.Box.CenterX, c.Box.CenterY)).ToArray());
            }
        }

        if (members.Count < 2)
        {
            return;
        }

        var pick = new int[members.Count];
        var best = new int[members.Count];
        var bestScore = double.NegativeInfinity;
        while (true)
        {
            double score = 0;
            for (var i = 0; i < members.Count; i++)
            {
                score += candidates[members[i]][pick[i]].Score;
                for (var j = 0; j < i; j++)
                {
                    var (a, b) = (floors[i][pick[i]], floors[j][pick[j]]);
                    var d = Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
                    score -= Options.FloorWeight * Math.Max(0, double.IsFinite(d) ? d - Options.FloorTolerance : 1);
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                pick.CopyTo(best, 0);
            }

            var k = 0;
            while (k < pick.Length && ++pick[k] == candidates[members[k]].Count)
            {
                pick[k++] = 0;
            }

            if (k == pick.Length)
            {
                break;
            }
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (best[i] != 0)
            {
                var v = members[i];
                var c = candidates[v][best[i]];
                result[v] = result[v] with { Box = c.Box, Score = c.Score, Change = c.Change, Reason = "floor-match" };
            }
        }
    }

    private readonly record struct Candidate(ItemBox Box, float Score, float Change);
}
