namespace BasketReasoner.Retrieval.Embedded.Hnsw;

// Neighbour selection by the paper's heuristic and back-link maintenance on insert.
internal sealed partial class HnswGraph
{
    /// <summary>
    /// The paper's heuristic (Algorithm 4): walk candidates best first and keep one only when it is closer to the base
    /// than to every neighbour kept so far, which spreads links across directions instead of one dense cluster.
    /// </summary>
    private int SelectNeighbors(int[] ids, float[] scores, int count, int max, ref int[] selected)
    {
        if (selected.Length < max)
        {
            selected = new int[Math.Max(max, _m0 + 1)];
        }

        var kept = 0;
        for (var i = 0; i < count && kept < max; i++)
        {
            var candidate = ids[i];
            var good = true;
            for (var j = 0; j < kept; j++)
            {
                if (ScoreNodes(candidate, selected[j]) > scores[i])
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                selected[kept++] = candidate;
            }
        }

        return kept;
    }

    /// <summary>Adds a back link from <paramref name="node"/> to <paramref name="added"/>, pruning by the heuristic when full.</summary>
    private void Connect(int node, int added, int layer, Scratch scratch)
    {
        var links = Links(node, layer);
        var max = layer == 0 ? _m0 : _m;
        var count = links[0];
        if (count < max)
        {
            links[1 + count] = added;
            links[0] = count + 1;
            if (layer == 0)
            {
                _inLinks0[added]++;
            }

            return;
        }

        if (layer == 0)
        {
            // This list's links are re-decided below; count in-links without them so orphans can be seen.
            for (var i = 0; i < count; i++)
            {
                _inLinks0[links[1 + i]]--;
            }
        }

        // Order existing links plus the new one by closeness to node (best first), then re-select. The heuristic
        // below compares these vectors pairwise, so fetch them all first.
        var ids = scratch.PruneIds;
        var scores = scratch.PruneScores;
        for (var i = 0; i < count; i++)
        {
            ids[i] = links[1 + i];
            PrefetchNode(ids[i]);
        }

        ids[count] = added;
        for (var i = 0; i <= count; i++)
        {
            // Insertion sort, descending: 33 entries at most, and no allocation or comparer dispatch.
            var (id, score) = (ids[i], ScoreNodes(node, ids[i]));
            var j = i - 1;
            while (j >= 0 && scores[j] < score)
            {
                ids[j + 1] = ids[j];
                scores[j + 1] = scores[j];
                j--;
            }

            ids[j + 1] = id;
            scores[j + 1] = score;
        }

        var kept = SelectNeighbors(ids, scores, count + 1, max, ref scratch.PruneSelected);
        if (layer == 0)
        {
            kept = KeepOrphans(ids, count + 1, kept, max, scratch.PruneSelected);
            for (var i = 0; i < kept; i++)
            {
                _inLinks0[scratch.PruneSelected[i]]++;
            }
        }

        links[0] = kept;
        scratch.PruneSelected.AsSpan(0, kept).CopyTo(links[1..]);
    }

    /// <summary>
    /// Re-admits pruned candidates (best first, while there is room) that this list was the last layer-0 in-link of.
    /// The heuristic alone, applied to reverse links, orphans nodes: once every list pointing at a node has pruned it,
    /// no search reaches it again (benchmark data, 100k rows, efConstruction 40: 88 orphans without this, 71 with it;
    /// the rest are pruned from lists the heuristic fills completely). A targeted form of the paper's
    /// keepPrunedConnections: it only keeps links that are a node's last way in, so degrees barely change.
    /// </summary>
    private int KeepOrphans(int[] candidates, int count, int kept, int max, int[] selected)
    {
        for (var i = 0; i < count && kept < max; i++)
        {
            var candidate = candidates[i];
            if (_inLinks0[candidate] == 0 && Array.IndexOf(selected, candidate, 0, kept) < 0)
            {
                selected[kept++] = candidate;
            }
        }

        return kept;
    }

    private static int DrainBestFirst(NodeHeap heap, ref int[] ids, ref float[] scores)
    {
        var count = heap.Count;
        if (ids.Length < count)
        {
            ids = new int[count * 2];
            scores = new float[count * 2];
        }

        for (var i = count - 1; i >= 0; i--)
        {
            ids[i] = heap.TopNode;
            scores[i] = heap.TopKey;
            heap.Pop();
        }

        return count;
    }
}
