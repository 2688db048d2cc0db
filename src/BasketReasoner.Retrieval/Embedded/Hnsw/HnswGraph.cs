using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>How the graph compares prepared vectors; both are "higher is better".</summary>
internal enum GraphMetric
{
    /// <summary>Inner product (cosine when vectors are normalised on the way in).</summary>
    Dot,

    /// <summary>Negated squared Euclidean distance.</summary>
    NegativeSquaredL2,
}

/// <summary>Decides which nodes may appear in results; every node is still traversed.</summary>
internal interface INodeFilter
{
    bool Allows(int node);
}

internal readonly struct AllNodes : INodeFilter
{
    public bool Allows(int node) => true;
}

/// <summary>
/// Hierarchical navigable small-world graph (Malkov &amp; Yashunin, 2018) in the layout of hnswlib: layer 0 links in
/// one flat <c>int[]</c> (a count then up to 2·M ids per node), upper layers per node, neighbour selection by the
/// paper's heuristic (Algorithm 4, without extending candidates or keeping pruned links). Deletes are tombstones:
/// deleted nodes still route searches but never appear in results.
/// </summary>
/// <remarks>
/// <para>Insert: O(log n · EfConstruction · M · d) expected. Search: O(log n · EfSearch · M · d) expected; allocation-free
/// after a thread's first search (thread-static scratch: generation-stamped visited array and two reusable heaps).</para>
/// <para>Not thread-safe for writes: callers serialise writers and keep readers out while writing (the collection's
/// reader/writer lock does). Concurrent searches are safe.</para>
/// </remarks>
internal sealed class HnswGraph
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly int _dimensions;
    private readonly int _m;
    private readonly int _m0;
    private readonly int _efConstruction;
    private readonly double _levelMultiplier;
    private readonly GraphMetric _metric;
    private readonly bool _normalize;
    private readonly Random _random;
    private readonly Int8Quantizer? _quantizer;
    private float[] _vectors;
    private float[] _squaredNorms;
    private sbyte[] _codes;
    private float[] _codeSquaredNorms;
    private int[] _level0;
    private int[]?[] _upper;
    private byte[] _levels;
    private bool[] _deleted;
    private int[] _inLinks0;
    private int _entry = -1;
    private int _maxLevel = -1;

    public HnswGraph(int dimensions, GraphMetric metric, bool normalize, HnswOptions options, Int8Quantizer? quantizer, int capacity = 16)
    {
        options.Validate();
        _dimensions = dimensions;
        _m = options.M;
        _m0 = 2 * options.M;
        _efConstruction = options.EfConstruction;
        _levelMultiplier = 1 / Math.Log(options.M);
        _metric = metric;
        _normalize = normalize;
        _random = new Random(options.Seed);
        _quantizer = quantizer;
        capacity = Math.Max(capacity, 16);
        _vectors = new float[capacity * dimensions];
        _squaredNorms = new float[capacity];
        _codes = quantizer is null ? [] : new sbyte[capacity * dimensions];
        _codeSquaredNorms = quantizer is null ? [] : new float[capacity];
        _level0 = new int[capacity * (_m0 + 1)];
        _upper = new int[]?[capacity];
        _levels = new byte[capacity];
        _deleted = new bool[capacity];
        _inLinks0 = new int[capacity];
    }

    /// <summary>Nodes ever added, deleted ones included (node ids are 0..Count-1).</summary>
    public int Count { get; private set; }

    public int LiveCount { get; private set; }

    public int DeletedCount => Count - LiveCount;

    public bool IsQuantized => _quantizer is not null;

    public int Dimensions => _dimensions;

    /// <summary>Bytes held by the graph's arrays (vectors, codes, links), for memory reports.</summary>
    public long ApproximateBytes
    {
        get
        {
            long bytes = ((long)_vectors.Length * 4) + _codes.Length + ((long)_level0.Length * 4) + (_levels.Length * 2L) + (_squaredNorms.Length * 8L);
            for (var i = 0; i < Count; i++)
            {
                bytes += (_upper[i]?.Length ?? 0) * 4L;
            }

            return bytes;
        }
    }

    public bool IsDeleted(int node) => _deleted[node];

    /// <summary>Appends a vector and links it into the graph; returns its node id.</summary>
    public int Add(ReadOnlySpan<float> vector)
    {
        EnsureCapacity(Count + 1);
        var node = Count;
        var stored = _vectors.AsSpan(node * _dimensions, _dimensions);
        vector.CopyTo(stored);
        if (_normalize)
        {
            var norm = TensorPrimitives.Norm(stored);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(stored, norm, stored);
            }
        }

        _squaredNorms[node] = TensorPrimitives.Dot(stored, stored);
        if (_quantizer is not null)
        {
            var codes = _codes.AsSpan(node * _dimensions, _dimensions);
            _quantizer.Encode(stored, codes);
            _codeSquaredNorms[node] = _quantizer.DecodedSquaredNorm(codes);
        }

        var level = RandomLevel();
        _levels[node] = (byte)level;
        _upper[node] = level > 0 ? new int[level * (_m + 1)] : null;
        _level0[node * (_m0 + 1)] = 0;
        Count++;
        LiveCount++;

        if (_entry < 0)
        {
            _entry = node;
            _maxLevel = level;
            return node;
        }

        var scratch = RentScratch();
        var query = new Query(this, node);
        var current = _entry;
        var currentScore = Score(current, query);
        for (var layer = _maxLevel; layer > level; layer--)
        {
            Greedy(query, layer, ref current, ref currentScore);
        }

        for (var layer = Math.Min(level, _maxLevel); layer >= 0; layer--)
        {
            SearchLayer(query, current, currentScore, _efConstruction, layer, default(AllNodes), includeDeleted: true, scratch);
            var found = DrainBestFirst(scratch.Results, ref scratch.Ids, ref scratch.Scores);
            current = scratch.Ids[0];
            currentScore = scratch.Scores[0];
            var selected = SelectNeighbors(scratch.Ids, scratch.Scores, found, _m, ref scratch.Selected);
            var links = Links(node, layer);
            links[0] = selected;
            scratch.Selected.AsSpan(0, selected).CopyTo(links[1..]);
            for (var i = 0; i < selected; i++)
            {
                if (layer == 0)
                {
                    _inLinks0[links[1 + i]]++;
                }

                Connect(links[1 + i], node, layer, scratch);
            }
        }

        if (level > _maxLevel)
        {
            _entry = node;
            _maxLevel = level;
        }

        return node;
    }

    /// <summary>Tombstones a node: it keeps routing searches but is never returned.</summary>
    public void Remove(int node)
    {
        if (!_deleted[node])
        {
            _deleted[node] = true;
            LiveCount--;
        }
    }

    /// <summary>
    /// Finds up to k live nodes passing <paramref name="filter"/> nearest to <paramref name="query"/>, best first.
    /// With int8 quantization the layer-0 candidate list holds at least k·oversampling nodes, re-scored in float.
    /// </summary>
    /// <returns>How many nodes were written to <paramref name="nodes"/>/<paramref name="scores"/>.</returns>
    public int Search<TFilter>(ReadOnlySpan<float> query, int k, int ef, int oversampling, TFilter filter, Span<int> nodes, Span<float> scores)
        where TFilter : struct, INodeFilter
    {
        if (query.Length != _dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions; the index needs {_dimensions}.", nameof(query));
        }

        k = Math.Min(k, Math.Min(nodes.Length, scores.Length));
        if (LiveCount == 0 || k <= 0)
        {
            return 0;
        }

        var scratch = RentScratch();
        if (scratch.Query.Length < _dimensions)
        {
            scratch.Query = new float[_dimensions];
            scratch.QueryCodes = new sbyte[_dimensions];
        }

        var prepared = scratch.Query.AsSpan(0, _dimensions);
        query.CopyTo(prepared);
        if (_normalize)
        {
            var norm = TensorPrimitives.Norm(prepared);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(prepared, norm, prepared);
            }
        }

        var codes = scratch.QueryCodes.AsSpan(0, _dimensions);
        var codeNorm = 0f;
        if (_quantizer is not null)
        {
            _quantizer.Encode(prepared, codes);
            codeNorm = _quantizer.DecodedSquaredNorm(codes);
        }

        var q = new Query(prepared, TensorPrimitives.Dot(prepared, prepared), codes, codeNorm);
        var current = _entry;
        var currentScore = Score(current, q);
        for (var layer = _maxLevel; layer > 0; layer--)
        {
            Greedy(q, layer, ref current, ref currentScore);
        }

        var width = Math.Max(ef, _quantizer is null ? k : k * oversampling);
        SearchLayer(q, current, currentScore, width, 0, filter, includeDeleted: false, scratch);
        var results = scratch.Results;
        if (_quantizer is null)
        {
            while (results.Count > k)
            {
                results.Pop();
            }

            var found = results.Count;
            for (var i = found - 1; i >= 0; i--)
            {
                nodes[i] = results.TopNode;
                scores[i] = results.TopKey;
                results.Pop();
            }

            return found;
        }

        // Re-score every surviving candidate in float and keep the k best.
        var heap = new TopKHeap(scores[..k], nodes[..k]);
        while (results.Count > 0)
        {
            var node = results.TopNode;
            results.Pop();
            heap.Offer(FloatScore(node, prepared, q.SquaredNorm), node);
        }

        return heap.SortDescending();
    }

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

    private Span<int> Links(int node, int layer) => layer == 0
        ? _level0.AsSpan(node * (_m0 + 1), _m0 + 1)
        : _upper[node].AsSpan((layer - 1) * (_m + 1), _m + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Score(int node, in Query query)
    {
        if (_quantizer is not null)
        {
            var dot = Int8Kernels.Dot(_codes.AsSpan(node * _dimensions, _dimensions), query.Codes) * _quantizer.DotScale;
            return _metric == GraphMetric.Dot ? dot : (2 * dot) - _codeSquaredNorms[node] - query.CodeSquaredNorm;
        }

        return FloatScore(node, query.Vector, query.SquaredNorm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchNode(int node)
    {
        if (_quantizer is not null)
        {
            FloatKernels.Prefetch(ref _codes[node * _dimensions], _dimensions);
        }
        else
        {
            FloatKernels.Prefetch(ref _vectors[node * _dimensions], _dimensions * sizeof(float));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float FloatScore(int node, ReadOnlySpan<float> vector, float squaredNorm)
    {
        var dot = FloatKernels.Dot(_vectors.AsSpan(node * _dimensions, _dimensions), vector);
        return _metric == GraphMetric.Dot ? dot : (2 * dot) - _squaredNorms[node] - squaredNorm;
    }

    private float ScoreNodes(int a, int b) => Score(a, new Query(this, b));

    private int RandomLevel()
    {
        var level = (int)(-Math.Log(1.0 - _random.NextDouble()) * _levelMultiplier);
        return Math.Min(level, 31);
    }

    private void EnsureCapacity(int nodes)
    {
        if (nodes <= _levels.Length)
        {
            return;
        }

        var capacity = Math.Max(nodes, _levels.Length * 2);
        Array.Resize(ref _vectors, capacity * _dimensions);
        Array.Resize(ref _squaredNorms, capacity);
        if (_quantizer is not null)
        {
            Array.Resize(ref _codes, capacity * _dimensions);
            Array.Resize(ref _codeSquaredNorms, capacity);
        }

        Array.Resize(ref _level0, capacity * (_m0 + 1));
        Array.Resize(ref _upper, capacity);
        Array.Resize(ref _levels, capacity);
        Array.Resize(ref _deleted, capacity);
        Array.Resize(ref _inLinks0, capacity);
    }

    private Scratch RentScratch()
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.EnsurePrune(_m0 + 2);
        return scratch;
    }

    /// <summary>A prepared vector: float form (normalised when cosine) and, when quantized, its int8 codes.</summary>
    private readonly ref struct Query
    {
        public Query(ReadOnlySpan<float> vector, float squaredNorm, ReadOnlySpan<sbyte> codes, float codeSquaredNorm)
        {
            Vector = vector;
            SquaredNorm = squaredNorm;
            Codes = codes;
            CodeSquaredNorm = codeSquaredNorm;
        }

        public Query(HnswGraph graph, int node)
            : this(
                graph._vectors.AsSpan(node * graph._dimensions, graph._dimensions),
                graph._squaredNorms[node],
                graph._quantizer is null ? default : graph._codes.AsSpan(node * graph._dimensions, graph._dimensions),
                graph._quantizer is null ? 0f : graph._codeSquaredNorms[node])
        {
        }

        public ReadOnlySpan<float> Vector { get; }

        public float SquaredNorm { get; }

        public ReadOnlySpan<sbyte> Codes { get; }

        public float CodeSquaredNorm { get; }
    }

    /// <summary>Per-thread reusable search state.</summary>
    private sealed class Scratch
    {
        public int[] Visited = [];
        public int Generation;
        public readonly NodeHeap Candidates = new();
        public readonly NodeHeap Results = new();
        public float[] Query = [];
        public sbyte[] QueryCodes = [];
        public int[] Ids = new int[256];
        public float[] Scores = new float[256];
        public int[] Selected = new int[64];
        public int[] PruneIds = [];
        public float[] PruneScores = [];
        public int[] PruneSelected = new int[64];
        public int[] Pending = [];

        /// <summary>Starts a new visit: a fresh stamp makes every old mark stale without clearing the array.</summary>
        public int[] BeginVisit(int nodes)
        {
            if (Visited.Length < nodes)
            {
                Visited = new int[Math.Max(nodes, Visited.Length * 2)];
                Generation = 0;
            }

            if (++Generation == int.MaxValue)
            {
                Array.Clear(Visited);
                Generation = 1;
            }

            return Visited;
        }

        public void EnsurePrune(int size)
        {
            if (PruneIds.Length < size)
            {
                PruneIds = new int[size];
                PruneScores = new float[size];
                Pending = new int[size];
            }
        }
    }
}
