using System.Buffers;
using System.Linq.Expressions;
using System.Numerics.Tensors;
using BasketReasoner.Retrieval.Common;
using BasketReasoner.Retrieval.Embedded.Hnsw;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// A collection of an <see cref="EmbeddedVectorStore"/>: rows held in memory in one contiguous matrix, searched
/// exactly, persisted as a crash-safe snapshot after every write.
/// </summary>
/// <remarks>
/// <para>Search is exact: <b>O(n·d)</b> time per query (n rows, d dimensions) plus O(n·log k) heap work, and O(k)
/// extra memory; one SIMD dot product (or distance) per row, no allocation per candidate. Filters are evaluated per
/// row before scoring.</para>
/// <para>Writes cost O(n·d) too, because each one rewrites the whole snapshot; the store is meant for catalog-sized
/// indexes that are written rarely and searched often.</para>
/// <para>Thread-safe: any number of concurrent searches and reads, one writer at a time.</para>
/// <para>Supported distance functions: CosineSimilarity (default), CosineDistance, DotProductSimilarity,
/// NegativeDotProductSimilarity, EuclideanDistance, EuclideanSquaredDistance. Exactly one vector property; keys are
/// never auto-generated; embedding generation is not supported (pass vectors).</para>
/// </remarks>
public sealed class EmbeddedVectorCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly RecordMapper _mapper;
    private readonly VectorStoreCollectionMetadata _metadata;

    internal EmbeddedVectorCollection(string name, VectorTable table, RecordMapper mapper)
    {
        Name = name;
        Table = table;
        _mapper = mapper;
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = EmbeddedVectorStore.SystemName,
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>
    /// HNSW search width for searches through this collection object (like hnswlib's <c>set_ef</c>); <c>null</c> (the
    /// default) uses <see cref="HnswOptions.EfSearch"/>. Larger is slower and more accurate. Ignored by exact search.
    /// </summary>
    public int? EfSearch
    {
        get => _efSearch;
        set => _efSearch = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "EfSearch must be at least 1.");
    }

    private int? _efSearch;

    /// <summary>Vector dimension every record must have.</summary>
    public int Dimensions => Table.Dimensions;

    internal VectorTable Table { get; }

    internal int ColumnIndex(string modelName) =>
        _mapper.ColumnByModelName.TryGetValue(modelName, out var index)
            ? index
            : throw new ArgumentException($"Collection '{Name}' has no property '{modelName}'.", nameof(modelName));

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Table.Exists);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        Table.Create();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        Table.Drop();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>O(1) lookup plus O(d) to copy the vector when requested.</remarks>
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Table.Lock.EnterReadLock();
        try
        {
            Table.ThrowIfMissing();
            return Task.FromResult(Table.TryGetRow(key, out var row)
                ? _mapper.CreateRecord<TRecord>(Table.Payload(row), Table.Row(row), options?.IncludeVectors == true)
                : null);
        }
        finally
        {
            Table.Lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    /// <remarks>O(n) filter evaluations, plus O(m·log m) when ordered (m matches).</remarks>
    public override IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);

        var predicate = RowFilterCompiler.CompilePredicate(filter, _mapper);
        var orderBy = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values;
        var sortKeys = orderBy is { Count: > 0 }
            ? orderBy.Select(o => (Selector: RowFilterCompiler.CompileSelector(o.PropertySelector, _mapper), o.Ascending)).ToArray()
            : [];

        Table.Lock.EnterReadLock();
        try
        {
            Table.ThrowIfMissing();
            var matches = new List<int>();
            for (var row = 0; row < Table.Count; row++)
            {
                if (predicate(Table.Payload(row)))
                {
                    matches.Add(row);
                }
            }

            if (sortKeys.Length > 0)
            {
                matches.Sort((a, b) => CompareRows(sortKeys, Table.Payload(a), Table.Payload(b)));
            }

            var results = new List<TRecord>(Math.Min(top, matches.Count));
            for (var i = options.Skip; i < matches.Count && results.Count < top; i++)
            {
                results.Add(_mapper.CreateRecord<TRecord>(Table.Payload(matches[i]), Table.Row(matches[i]), options.IncludeVectors));
            }

            return results.ToAsyncEnumerable();
        }
        finally
        {
            Table.Lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default) =>
        DeleteAsync([key], cancellationToken);

    /// <inheritdoc />
    /// <remarks>Deletes the whole batch under one write and one snapshot.</remarks>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var batch = keys.ToArray();
        Table.Mutate(batch, static (table, keys) =>
        {
            foreach (var key in keys)
            {
                table.Delete(key);
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) =>
        UpsertAsync([record], cancellationToken);

    /// <inheritdoc />
    /// <remarks>The batch is validated before anything changes, then applied under one write and one snapshot.</remarks>
    public override Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = new List<(object?[] Payload, ReadOnlyMemory<float> Vector)>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            var payload = _mapper.ToPayload(record);
            var vector = _mapper.GetVector(record);
            if (payload[0] is null)
            {
                throw new ArgumentException("A record has a null key.", nameof(records));
            }

            if (vector.Length != Dimensions)
            {
                throw new ArgumentException($"Record '{payload[0]}' has a {vector.Length}-dimensional vector; collection '{Name}' needs {Dimensions}.", nameof(records));
            }

            if (!IsFinite(vector.Span))
            {
                throw new ArgumentException($"Record '{payload[0]}' has a NaN or infinite vector component.", nameof(records));
            }

            rows.Add((payload, vector.ToArray()));
        }

        Table.Mutate(rows, static (table, rows) =>
        {
            foreach (var (payload, vector) in rows)
            {
                table.Upsert(payload, vector.Span);
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Exact search, <b>O(n·d)</b> per query, while the collection is below
    /// <see cref="EmbeddedVectorStoreOptions.HnswThreshold"/> rows; above it an HNSW walk, <b>O(log n · EfSearch · M · d)</b>
    /// expected, whose results are re-scored exactly (so scores equal the exact scan's for the rows returned). A filter
    /// is applied during the walk (non-matching rows route but are not returned); when a sample says fewer than
    /// <see cref="HnswOptions.ExactFilterSelectivity"/> of rows match, or the walk finds fewer than requested, the
    /// search scans exactly. <paramref name="searchValue"/> must be a <c>float[]</c>, <c>ReadOnlyMemory&lt;float&gt;</c>
    /// or <c>Embedding&lt;float&gt;</c> of the collection's dimension with finite components. Scores are in the distance
    /// function's own units (higher first for similarities, lower first for distances).
    /// </remarks>
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var query = ToQuery(searchValue, nameof(searchValue));
        var predicate = options.Filter is null ? null : RowFilterCompiler.CompilePredicate(options.Filter, _mapper);
        return Search(query.Span, top, options, predicate).ToAsyncEnumerable();
    }

    /// <summary>
    /// Searches many queries with one filter compilation and one lock acquisition; Microsoft.Extensions.VectorData 10.11
    /// has no batch search, so this is the embedded store's own. Result <c>i</c> answers <c>queries[i]</c>; each costs what
    /// <see cref="SearchAsync{TInput}"/> costs.
    /// </summary>
    public Task<IReadOnlyList<VectorSearchResult<TRecord>[]>> SearchBatchAsync(
        IReadOnlyList<ReadOnlyMemory<float>> queries, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        foreach (var query in queries)
        {
            ToQuery(query, nameof(queries));
        }

        var predicate = options.Filter is null ? null : RowFilterCompiler.CompilePredicate(options.Filter, _mapper);
        var results = new VectorSearchResult<TRecord>[queries.Count][];
        Table.Lock.EnterReadLock();
        try
        {
            for (var i = 0; i < results.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = SearchLocked(queries[i].Span, top, options, predicate);
            }
        }
        finally
        {
            Table.Lock.ExitReadLock();
        }

        return Task.FromResult<IReadOnlyList<VectorSearchResult<TRecord>[]>>(results);
    }

    /// <summary>Whether searches currently walk the HNSW graph (the collection reached the threshold).</summary>
    public bool UsesHnswIndex
    {
        get
        {
            Table.Lock.EnterReadLock();
            try
            {
                return Table.Index is not null;
            }
            finally
            {
                Table.Lock.ExitReadLock();
            }
        }
    }

    private ReadOnlyMemory<float> ToQuery<TInput>(TInput searchValue, string parameterName)
    {
        var query = FloatVectorTypes.FromSearchInput(searchValue);
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions; collection '{Name}' needs {Dimensions}.", parameterName);
        }

        if (!IsFinite(query.Span))
        {
            throw new ArgumentException("Query has a NaN or infinite component.", parameterName);
        }

        return query;
    }

    private static bool IsFinite(ReadOnlySpan<float> vector)
    {
        // NaN and ±∞ both make the sum non-finite; overflow of finite values to ∞ is not a concern at embedding scales.
        return float.IsFinite(TensorPrimitives.Sum(vector)) || AllFinite(vector);

        static bool AllFinite(ReadOnlySpan<float> vector)
        {
            foreach (var x in vector)
            {
                if (!float.IsFinite(x))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private VectorSearchResult<TRecord>[] Search(ReadOnlySpan<float> query, int top, VectorSearchOptions<TRecord> options, Func<object?[], bool>? predicate)
    {
        Table.Lock.EnterReadLock();
        try
        {
            return SearchLocked(query, top, options, predicate);
        }
        finally
        {
            Table.Lock.ExitReadLock();
        }
    }

    private VectorSearchResult<TRecord>[] SearchLocked(ReadOnlySpan<float> query, int top, VectorSearchOptions<TRecord> options, Func<object?[], bool>? predicate)
    {
        var k = top + options.Skip;
        var rows = ArrayPool<int>.Shared.Rent(k);
        var scores = ArrayPool<float>.Shared.Rent(k);
        var rank = ArrayPool<float>.Shared.Rent(k);
        try
        {
            Table.ThrowIfMissing();
            var found = -1;
            if (Table.Index is { } index && UseGraph(index, predicate))
            {
                found = GraphSearch(index, query, predicate, options.ScoreThreshold, rows.AsSpan(0, k), scores.AsSpan(0, k), rank.AsSpan(0, k));
            }

            if (found < 0)
            {
                found = ExactSearch.TopK(Table, query, _mapper.Metric, predicate, options.ScoreThreshold, rows.AsSpan(0, k), scores.AsSpan(0, k), rank.AsSpan(0, k));
            }

            var results = new VectorSearchResult<TRecord>[Math.Max(0, found - options.Skip)];
            for (var i = 0; i < results.Length; i++)
            {
                var row = rows[options.Skip + i];
                var record = _mapper.CreateRecord<TRecord>(Table.Payload(row), Table.Row(row), options.IncludeVectors);
                results[i] = new VectorSearchResult<TRecord>(record, scores[options.Skip + i]);
            }

            return results;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(rank);
        }
    }

    /// <summary>Estimates filter selectivity on up to 256 evenly spaced rows; a very selective filter scans instead.</summary>
    private bool UseGraph(HnswRowIndex index, Func<object?[], bool>? predicate)
    {
        if (predicate is null)
        {
            return true;
        }

        var count = Table.Count;
        var samples = Math.Min(256, count);
        var passed = 0;
        for (var i = 0; i < samples; i++)
        {
            if (predicate(Table.Payload((int)((long)i * count / samples))))
            {
                passed++;
            }
        }

        return passed > 0 && (double)passed / samples >= index.Options.ExactFilterSelectivity;
    }

    /// <summary>
    /// Walks the graph, maps nodes to rows and re-scores them exactly. Returns -1 when the walk found fewer rows than
    /// asked while more may exist, so the caller scans exactly instead of returning a short list.
    /// </summary>
    private int GraphSearch(HnswRowIndex index, ReadOnlySpan<float> query, Func<object?[], bool>? predicate, double? scoreThreshold, Span<int> rows, Span<float> scores, Span<float> rank)
    {
        var options = index.Options;
        var k = rows.Length;
        var ef = _efSearch ?? options.EfSearch;
        var found = predicate is null
            ? index.Graph.Search(query, k, ef, options.RescoreOversampling, default(AllNodes), rows, rank)
            : index.Graph.Search(query, k, ef, options.RescoreOversampling, new RowFilter(index, Table, predicate), rows, rank);
        if (found < k && found < Table.Count)
        {
            return -1;
        }

        var queryNorm = TensorPrimitives.Norm(query);
        var queryInverseNorm = queryNorm > 0f ? 1f / queryNorm : 0f;
        var minRank = scoreThreshold is double t ? ExactSearch.ToRank(_mapper.Metric, (float)t) : float.NegativeInfinity;
        var kept = 0;
        for (var i = 0; i < found; i++)
        {
            var row = index.RowOf(rows[i]);
            var exact = ExactSearch.RankRow(Table, query, queryInverseNorm, _mapper.Metric, row);
            if (exact >= minRank)
            {
                rows[kept] = row;
                rank[kept] = exact;
                kept++;
            }
        }

        // Graph scores (normalised or quantized) can order near-ties differently from the exact ones; k is small.
        for (var i = 1; i < kept; i++)
        {
            var (r, s) = (rows[i], rank[i]);
            var j = i - 1;
            while (j >= 0 && rank[j] < s)
            {
                rows[j + 1] = rows[j];
                rank[j + 1] = rank[j];
                j--;
            }

            rows[j + 1] = r;
            rank[j + 1] = s;
        }

        for (var i = 0; i < kept; i++)
        {
            scores[i] = ExactSearch.ToScore(_mapper.Metric, rank[i]);
        }

        return kept;
    }

    private readonly struct RowFilter(HnswRowIndex index, VectorTable table, Func<object?[], bool> predicate) : INodeFilter
    {
        public bool Allows(int node) => predicate(table.Payload(index.RowOf(node)));
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private static int CompareRows((Func<object?[], object?> Selector, bool Ascending)[] keys, object?[] a, object?[] b)
    {
        foreach (var (selector, ascending) in keys)
        {
            var order = Comparer<object?>.Default.Compare(selector(a), selector(b));
            if (order != 0)
            {
                return ascending ? order : -order;
            }
        }

        return 0;
    }
}
