namespace BasketReasoner.Retrieval.Embedded.Hnsw;

// Structure report: layers, degrees, reachability and link validity.
internal sealed partial class HnswGraph
{
    /// <summary>Walks the whole graph once (O(n·M)) and reports its structure; see <see cref="HnswGraphStats"/>.</summary>
    public HnswGraphStats ComputeStats()
    {
        var layers = _maxLevel + 1;
        var perLayer = new int[Math.Max(layers, 0)];
        for (var node = 0; node < Count; node++)
        {
            for (var layer = 0; layer <= _levels[node]; layer++)
            {
                perLayer[layer]++;
            }
        }

        var unreachable = new int[perLayer.Length];
        var invalid = 0;
        var seen = new bool[Count];
        var inLinks = new int[Count];
        var queue = new int[Count];
        long degreeSum = 0;
        var minDegree = Count > 0 ? int.MaxValue : 0;
        var maxDegree = 0;
        for (var layer = 0; layer < layers; layer++)
        {
            Array.Clear(seen);
            int head = 0, tail = 0;
            if (_levels[_entry] >= layer)
            {
                // An entry point below the top layer (a missed update) leaves that layer unreachable.
                queue[tail++] = _entry;
                seen[_entry] = true;
            }

            while (head < tail)
            {
                var links = Links(queue[head++], layer);
                for (var i = 1; i <= links[0]; i++)
                {
                    var target = links[i];
                    if (!seen[target] && target < Count && _levels[target] >= layer)
                    {
                        seen[target] = true;
                        queue[tail++] = target;
                    }
                }
            }

            unreachable[layer] = perLayer[layer] - tail;
            for (var node = 0; node < Count; node++)
            {
                if (_levels[node] < layer)
                {
                    continue;
                }

                var links = Links(node, layer);
                var count = links[0];
                for (var i = 1; i <= count; i++)
                {
                    var target = links[i];
                    if (target == node || target < 0 || target >= Count || _levels[target] < layer || links[1..i].Contains(target))
                    {
                        invalid++;
                    }
                    else if (layer == 0)
                    {
                        inLinks[target]++;
                    }
                }

                if (layer == 0)
                {
                    degreeSum += count;
                    minDegree = Math.Min(minDegree, count);
                    maxDegree = Math.Max(maxDegree, count);
                }
            }
        }

        var noInLink = 0;
        for (var node = 0; node < Count; node++)
        {
            if (inLinks[node] == 0)
            {
                noInLink++;
            }
        }

        return new HnswGraphStats(Count, _entry, perLayer, unreachable, Count > 0 ? (double)degreeSum / Count : 0, minDegree, maxDegree, noInLink, invalid);
    }
}
