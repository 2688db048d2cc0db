using System.Runtime.CompilerServices;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

// Layer search: the greedy descent through upper layers and the ef-bounded best-first search of one layer.
internal sealed partial class HnswGraph
{
    private void Greedy(in Query query, int layer, ref int current, ref float currentScore)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var links = Links(current, layer);
            var count = links[0];
            for (var i = 1; i <= count; i++)
            {
                var candidate = links[i];
                var score = Score(candidate, query);
                if (score > currentScore)
                {
                    currentScore = score;
                    current = candidate;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// Best-first search of one layer (Algorithm 2): leaves up to <paramref name="ef"/> accepted nodes in
    /// <c>scratch.Results</c> (a min-heap, worst on top). Rejected nodes are still expanded, so a filter never cuts
    /// the graph; the walk ends when the best unexpanded candidate cannot beat the worst kept result of a full list.
    /// </summary>
    private void SearchLayer<TFilter>(in Query query, int entry, float entryScore, int ef, int layer, TFilter filter, bool includeDeleted, Scratch scratch)
        where TFilter : struct, INodeFilter
    {
        var visited = scratch.BeginVisit(Count);
        var generation = scratch.Generation;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        candidates.Clear();
        results.Clear();

        visited[entry] = generation;
        candidates.Push(-entryScore, entry);
        var lowerBound = float.NegativeInfinity;
        if (Accepts(entry, filter, includeDeleted))
        {
            results.Push(entryScore, entry);
            lowerBound = entryScore;
        }

        while (candidates.Count > 0)
        {
            var score = -candidates.TopKey;
            if (score < lowerBound && results.Count >= ef)
            {
                break;
            }

            var node = candidates.TopNode;
            candidates.Pop();
            var links = Links(node, layer);
            var count = links[0];

            // First mark and prefetch every unvisited neighbour, then score them: the loads overlap (see FloatKernels.Prefetch).
            var pending = scratch.Pending;
            var fresh = 0;
            for (var i = 1; i <= count; i++)
            {
                var neighbour = links[i];
                if (visited[neighbour] != generation)
                {
                    visited[neighbour] = generation;
                    pending[fresh++] = neighbour;
                    PrefetchNode(neighbour);
                }
            }

            for (var i = 0; i < fresh; i++)
            {
                var neighbour = pending[i];
                var s = Score(neighbour, query);
                if (results.Count < ef || s > lowerBound)
                {
                    candidates.Push(-s, neighbour);
                    if (Accepts(neighbour, filter, includeDeleted))
                    {
                        results.Push(s, neighbour);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }

                        lowerBound = results.TopKey;
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Accepts<TFilter>(int node, TFilter filter, bool includeDeleted)
        where TFilter : struct, INodeFilter =>
        (includeDeleted || !_deleted[node]) && filter.Allows(node);
}
