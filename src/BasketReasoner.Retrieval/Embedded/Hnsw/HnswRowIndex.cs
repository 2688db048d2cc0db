namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>
/// Keeps an <see cref="HnswGraph"/> in step with a <see cref="VectorTable"/>. Table rows move (a delete swaps the last
/// row into the hole) while graph nodes never do, so the index keeps both maps; an overwrite tombstones the old node
/// and links a new one, and the graph is rebuilt once tombstones outnumber live nodes.
/// </summary>
internal sealed class HnswRowIndex
{
    private readonly HnswOptions _options;
    private readonly GraphMetric _metric;
    private readonly bool _normalize;
    private int[] _nodeToRow;
    private int[] _rowToNode;

    private HnswRowIndex(HnswGraph graph, HnswOptions options, GraphMetric metric, bool normalize, int capacity)
    {
        Graph = graph;
        _options = options;
        _metric = metric;
        _normalize = normalize;
        _nodeToRow = new int[Math.Max(16, capacity)];
        _rowToNode = new int[Math.Max(16, capacity)];
    }

    public HnswGraph Graph { get; private set; }

    public HnswOptions Options => _options;

    /// <summary>Builds a graph over every row of <paramref name="table"/> (caller holds its write lock).</summary>
    public static HnswRowIndex Build(VectorTable table, HnswOptions options, ScoreMetric metric)
    {
        var (graphMetric, normalize) = metric switch
        {
            ScoreMetric.CosineSimilarity or ScoreMetric.CosineDistance => (GraphMetric.Dot, true),
            ScoreMetric.DotProductSimilarity or ScoreMetric.NegativeDotProductSimilarity => (GraphMetric.Dot, false),
            _ => (GraphMetric.NegativeSquaredL2, false),
        };
        var index = new HnswRowIndex(NewGraph(table, options, graphMetric, normalize), options, graphMetric, normalize, table.Count);
        index.AddAll(table);
        return index;
    }

    public int RowOf(int node) => _nodeToRow[node];

    public void OnInsert(int row, ReadOnlySpan<float> vector)
    {
        var node = Graph.Add(vector);
        Map(node, row);
    }

    public void OnOverwrite(int row, ReadOnlySpan<float> vector)
    {
        Graph.Remove(_rowToNode[row]);
        _nodeToRow[_rowToNode[row]] = -1;
        OnInsert(row, vector);
    }

    /// <summary>Called after the table removed <paramref name="row"/> and moved <paramref name="movedFrom"/> into it.</summary>
    public void OnDelete(int row, int movedFrom)
    {
        var node = _rowToNode[row];
        Graph.Remove(node);
        _nodeToRow[node] = -1;
        if (movedFrom != row)
        {
            var moved = _rowToNode[movedFrom];
            _rowToNode[row] = moved;
            _nodeToRow[moved] = row;
        }
    }

    /// <summary>Rebuilds from the table when tombstones outnumber live nodes (caller holds the write lock).</summary>
    public void CompactIfNeeded(VectorTable table)
    {
        if (Graph.DeletedCount > Graph.LiveCount && Graph.DeletedCount > 64)
        {
            Graph = NewGraph(table, _options, _metric, _normalize);
            AddAll(table);
        }
    }

    private static HnswGraph NewGraph(VectorTable table, HnswOptions options, GraphMetric metric, bool normalize)
    {
        Int8Quantizer? quantizer = null;
        if (options.Quantization == VectorQuantization.Int8)
        {
            // Fit the scale on what the graph will store: normalised rows for cosine.
            quantizer = Int8Quantizer.Fit(table.Vectors, table.Dimensions, normalize);
        }

        return new HnswGraph(table.Dimensions, metric, normalize, options, quantizer, table.Count);
    }

    private void AddAll(VectorTable table)
    {
        Array.Fill(_rowToNode, -1);
        for (var row = 0; row < table.Count; row++)
        {
            OnInsert(row, table.Row(row));
        }
    }

    private void Map(int node, int row)
    {
        if (node >= _nodeToRow.Length)
        {
            Array.Resize(ref _nodeToRow, Math.Max(node + 1, _nodeToRow.Length * 2));
        }

        if (row >= _rowToNode.Length)
        {
            Array.Resize(ref _rowToNode, Math.Max(row + 1, _rowToNode.Length * 2));
        }

        _nodeToRow[node] = row;
        _rowToNode[row] = node;
    }
}
