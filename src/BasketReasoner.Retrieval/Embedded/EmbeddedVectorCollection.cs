using System.Buffers;
using System.Linq.Expressions;
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
    /// Exact search, <b>O(n·d)</b> per query. <paramref name="searchValue"/> must be a <c>float[]</c>,
    /// <c>ReadOnlyMemory&lt;float&gt;</c> or <c>Embedding&lt;float&gt;</c> of the collection's dimension. Scores are in the
    /// distance function's own units (higher first for similarities, lower first for distances).
    /// </remarks>
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var query = searchValue switch
        {
            float[] array => array,
            ReadOnlyMemory<float> memory => memory,
            Embedding<float> embedding => embedding.Vector,
            _ => throw new NotSupportedException(
                $"Search input of type '{typeof(TInput).Name}' is not supported: pass float[], ReadOnlyMemory<float> or Embedding<float>."),
        };
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions; collection '{Name}' needs {Dimensions}.", nameof(searchValue));
        }

        var predicate = options.Filter is null ? null : RowFilterCompiler.CompilePredicate(options.Filter, _mapper);
        return Search(query.Span, top, options, predicate).ToAsyncEnumerable();
    }

    private VectorSearchResult<TRecord>[] Search(ReadOnlySpan<float> query, int top, VectorSearchOptions<TRecord> options, Func<object?[], bool>? predicate)
    {
        var k = top + options.Skip;
        var rows = ArrayPool<int>.Shared.Rent(k);
        var scores = ArrayPool<float>.Shared.Rent(k);
        var rank = ArrayPool<float>.Shared.Rent(k);
        Table.Lock.EnterReadLock();
        try
        {
            Table.ThrowIfMissing();
            var found = ExactSearch.TopK(Table, query, _mapper.Metric, predicate, options.ScoreThreshold, rows.AsSpan(0, k), scores.AsSpan(0, k), rank.AsSpan(0, k));
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
            Table.Lock.ExitReadLock();
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(rank);
        }
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
