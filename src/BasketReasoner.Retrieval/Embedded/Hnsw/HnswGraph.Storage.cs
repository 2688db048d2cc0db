using System.Runtime.CompilerServices;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

// Link and vector storage, scoring kernels, levels, growth and per-thread scratch.
internal sealed partial class HnswGraph
{
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
