using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

/// <summary>
/// A collection of a <see cref="PgVectorStore"/>: one PostgreSQL table with a <c>vector(n)</c> column and, unless the
/// vector property asks for <see cref="IndexKind.Flat"/>, an HNSW index (<c>m</c>, <c>ef_construction</c> from the
/// store options) with the operator class of its distance function.
/// </summary>
/// <remarks>
/// <para>Search: HNSW, about O(ef_search · log n) distance evaluations per query, approximate; with a Flat vector
/// property, an exact O(n·d) scan. <c>hnsw.ef_search</c> is set in the same round trip as every query.</para>
/// <para>Upsert: batches of <see cref="PgVectorStoreOptions.UpsertBatchSize"/>; small batches as one parameterised
/// multi-row <c>INSERT … ON CONFLICT</c>, larger ones as a binary COPY into a temp table merged with one
/// <c>INSERT … SELECT … ON CONFLICT</c>, each batch in its own transaction. Within a batch the last record for a key
/// wins. For a first load of many rows use <see cref="BulkLoadAsync"/>, which builds the index once at the end.</para>
/// <para>Filters: the subset <see cref="FilterParser"/> accepts, translated to parameterised SQL.</para>
/// <para>Thread-safe: every call takes its own pooled connection.</para>
/// </remarks>
public sealed partial class PgVectorCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    // Below this many records a parameterised INSERT beats the extra round trips of CREATE TEMP + COPY.
    private const int CopyThreshold = 32;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PgVectorStoreOptions _options;
    private readonly RecordCodec _codec;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly PgColumn _key;
    private readonly PgColumn[] _data;
    private readonly string _table;
    private readonly string _vectorColumn;
    private readonly string _vectorIndex;
    private readonly string _distanceOperator;
    private readonly string _opClass;
    private readonly Func<double, double> _score;
    private readonly string _selectColumns;

    internal PgVectorCollection(NpgsqlDataSource dataSource, string name, CollectionModel model, PgVectorStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _dataSource = dataSource;
        _options = options;
        _codec = new RecordCodec(model);
        Name = name;
        _table = PgSql.Quote(options.Schema) + "." + PgSql.Quote(name);
        _key = new PgColumn(_codec.Key);
        _data = [.. _codec.Data.Select(p => new PgColumn(p))];
        _vectorColumn = PgSql.Quote(_codec.Vector.StorageName);
        _vectorIndex = PgSql.Quote(name + "_hnsw");
        (_distanceOperator, _opClass, _score) = PgSql.Distance(_codec.DistanceFunction);
        _selectColumns = string.Join(", ", new[] { _key.Name }.Concat(_data.Select(c => c.Name)));
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = PgVectorStore.SystemName,
            VectorStoreName = PgSql.DatabaseName(dataSource),
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Vector dimension every record must have.</summary>
    public int Dimensions => _codec.Dimensions;

    private bool UsesHnsw => _codec.Vector.IndexKind is null or IndexKind.Hnsw;

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Run("CollectionExists", async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
            command.Parameters.Add(new NpgsqlParameter { Value = _table });
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        });

    /// <inheritdoc />
    /// <remarks>Creates the table, the HNSW index (unless Flat) and a b-tree index per indexed data property, if missing.</remarks>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Run("EnsureCollectionExists", async () =>
        {
            await ExecuteAsync(CreateTableSql(), cancellationToken).ConfigureAwait(false);
            if (UsesHnsw)
            {
                await ExecuteAsync(CreateIndexSql(), cancellationToken).ConfigureAwait(false);
            }

            return true;
        });

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        Run("EnsureCollectionDeleted", () => ExecuteAsync($"DROP TABLE IF EXISTS {_table}", cancellationToken));

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return GetAsync([key], options, cancellationToken).FirstOrDefaultAsync(cancellationToken).AsTask();
    }

    /// <inheritdoc />
    /// <remarks>One query, <c>WHERE key = ANY($1)</c>; missing keys are skipped.</remarks>
    public override async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var includeVectors = options?.IncludeVectors == true;
        var records = await Run("Get", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                $"SELECT {SelectList(includeVectors)} FROM {_table} WHERE {_key.Name} = ANY($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = KeyArray(keys) });
            return await ReadRecordsAsync(command, includeVectors, withDistance: false, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var (record, _) in records)
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default) =>
        DeleteAsync([key], cancellationToken);

    /// <inheritdoc />
    /// <remarks>One statement, <c>DELETE … WHERE key = ANY($1)</c>.</remarks>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var array = KeyArray(keys);
        return Run("Delete", async () =>
        {
            await using var command = _dataSource.CreateCommand($"DELETE FROM {_table} WHERE {_key.Name} = ANY($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = array });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) =>
        UpsertAsync([record], cancellationToken);

    /// <inheritdoc />
    /// <remarks>Every record is validated (key, dimension) before anything is written.</remarks>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        // Last record per key wins, as ON CONFLICT cannot touch one row twice in a statement.
        var rows = new Dictionary<object, Row>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            var row = ToRow(record);
            rows.Remove(row.Key);
            rows.Add(row.Key, row);
        }

        var all = rows.Values.ToArray();
        for (var start = 0; start < all.Length; start += _options.UpsertBatchSize)
        {
            var batch = new ArraySegment<Row>(all, start, Math.Min(_options.UpsertBatchSize, all.Length - start));
            await Run("Upsert", () => batch.Count < CopyThreshold
                ? InsertBatchAsync(batch, cancellationToken)
                : CopyBatchAsync(batch, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType == typeof(NpgsqlDataSource) ? _dataSource
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // Database failures (missing table, duplicate key in a bulk load, lost connection) surface as the abstraction's
    // VectorStoreException, as the embedded store's do; argument errors pass through unchanged.
    private async Task<T> Run<T>(string operation, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            throw new VectorStoreException($"pgvector collection '{Name}': {operation} failed: {exception.Message}", exception)
            {
                VectorStoreSystemName = PgVectorStore.SystemName,
                VectorStoreName = PgSql.DatabaseName(_dataSource),
                CollectionName = Name,
                OperationName = operation,
            };
        }
    }

    private sealed record Row(object Key, object?[] Data, ReadOnlyMemory<float> Vector);
}
