using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

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
internal sealed partial class HnswGraph
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
}
