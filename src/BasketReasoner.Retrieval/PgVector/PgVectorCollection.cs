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
public sealed class PgVectorCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
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
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);

        var parameters = new List<NpgsqlParameter>();
        var sql = new StringBuilder($"SELECT {SelectList(options.IncludeVectors)} FROM {_table} WHERE ");
        PgFilterTranslator.Write(FilterParser.Parse(filter, _codec.Model), sql, parameters);
        var orderBy = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values;
        if (orderBy is { Count: > 0 })
        {
            sql.Append(" ORDER BY ").AppendJoin(", ", orderBy.Select(o =>
                PgSql.Quote(_codec.Model.GetDataOrKeyProperty(o.PropertySelector).StorageName) + (o.Ascending ? " ASC" : " DESC")));
        }

        parameters.Add(new NpgsqlParameter { Value = (long)top });
        sql.Append(" LIMIT $").Append(parameters.Count);
        parameters.Add(new NpgsqlParameter { Value = (long)options.Skip });
        sql.Append(" OFFSET $").Append(parameters.Count);

        var records = await Run("Get", async () =>
        {
            await using var command = _dataSource.CreateCommand(sql.ToString());
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            return await ReadRecordsAsync(command, options.IncludeVectors, withDistance: false, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Loads many new records fast: creates the table if needed, drops the HNSW index, streams every record in one
    /// binary COPY, then builds the index once with <see cref="PgVectorStoreOptions.IndexBuildMemory"/>. Keys must not
    /// exist yet (a duplicate fails the load with a <see cref="VectorStoreException"/> and nothing is committed).
    /// The COPY and the index build run without a command timeout; cancel through <paramref name="cancellationToken"/>.
    /// </summary>
    /// <returns>Rows loaded and the time spent copying and building the index.</returns>
    public Task<PgBulkLoadResult> BulkLoadAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Run("BulkLoad", async () =>
        {
            var clock = _options.TimeProvider;
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, CreateTableSql(), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"DROP INDEX IF EXISTS {PgSql.Quote(_options.Schema)}.{_vectorIndex}", cancellationToken).ConfigureAwait(false);

            var copyStart = clock.GetTimestamp();
            long count = 0;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await using (var writer = await connection.BeginBinaryImportAsync($"COPY {_table} ({CopyColumns()}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
                {
                    writer.Timeout = Timeout.InfiniteTimeSpan;
                    foreach (var record in records)
                    {
                        ArgumentNullException.ThrowIfNull(record, nameof(records));
                        await WriteRowAsync(writer, ToRow(record), cancellationToken).ConfigureAwait(false);
                        count++;
                    }

                    await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            var copyTime = clock.GetElapsedTime(copyStart);
            var indexStart = clock.GetTimestamp();
            if (UsesHnsw)
            {
                await using var settings = connection.CreateCommand();
                settings.CommandText = "SELECT set_config('maintenance_work_mem', $1, false)"
                    + (_options.IndexBuildWorkers is null ? string.Empty : ", set_config('max_parallel_maintenance_workers', $2, false)");
                settings.Parameters.Add(new NpgsqlParameter { Value = _options.IndexBuildMemory });
                if (_options.IndexBuildWorkers is { } workers)
                {
                    settings.Parameters.Add(new NpgsqlParameter { Value = workers.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }

                await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                // An HNSW build over millions of rows takes minutes; the cancellation token bounds it instead.
                await ExecuteAsync(connection, CreateIndexSql(), cancellationToken, timeoutSeconds: 0).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, $"ANALYZE {_table}", cancellationToken, timeoutSeconds: 0).ConfigureAwait(false);
            return new PgBulkLoadResult(count, copyTime, clock.GetElapsedTime(indexStart));
        });
    }

    /// <summary>Bytes PostgreSQL uses for the table (heap and TOAST) and for its indexes.</summary>
    public Task<(long TableBytes, long IndexBytes)> GetStorageSizeAsync(CancellationToken cancellationToken = default) =>
        Run("GetStorageSize", async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT pg_table_size($1::regclass), pg_indexes_size($1::regclass)");
            command.Parameters.Add(new NpgsqlParameter { Value = _table });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1));
        });

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="searchValue"/> must be a <c>float[]</c>, <c>ReadOnlyMemory&lt;float&gt;</c> or
    /// <c>Embedding&lt;float&gt;</c> of the collection's dimension. Scores are in the distance function's own units, as in
    /// the embedded store (cosine similarity = 1 − pgvector's cosine distance).
    /// </remarks>
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default) =>
        SearchAsync(searchValue, top, options, _options.EfSearch, cancellationToken);

    /// <summary>As <see cref="SearchAsync{TInput}(TInput,int,VectorSearchOptions{TRecord},CancellationToken)"/> with an explicit <c>hnsw.ef_search</c>.</summary>
    public IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options, int efSearch, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var query = _codec.QueryVector(searchValue, Name);
        return SearchCoreAsync(new Pgvector.Vector(query), top, options, Math.Max(efSearch, top + options.Skip), cancellationToken);
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchCoreAsync(
        Pgvector.Vector query, int top, VectorSearchOptions<TRecord> options, int efSearch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = query } };
        var sql = new StringBuilder($"SELECT {SelectList(options.IncludeVectors)}, {_vectorColumn} {_distanceOperator} $1 FROM {_table}");
        if (options.Filter is not null)
        {
            sql.Append(" WHERE ");
            PgFilterTranslator.Write(FilterParser.Parse(options.Filter, _codec.Model), sql, parameters);
        }

        sql.Append($" ORDER BY {_vectorColumn} {_distanceOperator} $1");
        parameters.Add(new NpgsqlParameter { Value = (long)top });
        sql.Append(" LIMIT $").Append(parameters.Count);
        parameters.Add(new NpgsqlParameter { Value = (long)options.Skip });
        sql.Append(" OFFSET $").Append(parameters.Count);

        var results = await Run("Search", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = connection.CreateBatch();
            var settings = new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', $1, false), set_config('hnsw.iterative_scan', $2, false)");
            settings.Parameters.Add(new NpgsqlParameter { Value = efSearch.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            settings.Parameters.Add(new NpgsqlParameter { Value = options.Filter is not null && _options.IterativeScan ? "strict_order" : "off" });
            var select = new NpgsqlBatchCommand(sql.ToString());
            foreach (var parameter in parameters)
            {
                select.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(settings);
            batch.BatchCommands.Add(select);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            return await ReadAsync(reader, options.IncludeVectors, withDistance: true, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        foreach (var (record, distance) in results)
        {
            var score = _score(distance);
            if (!_codec.Passes(score, options.ScoreThreshold))
            {
                yield break; // Results are ordered best first, so nothing after this passes either.
            }

            yield return new VectorSearchResult<TRecord>(record, score);
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

    private string CreateTableSql()
    {
        var sql = new StringBuilder();
        sql.Append($"CREATE TABLE IF NOT EXISTS {_table} ({_key.Name} {_key.SqlType} PRIMARY KEY");
        foreach (var column in _data)
        {
            sql.Append($", {column.Name} {column.SqlType}");
        }

        sql.Append($", {_vectorColumn} vector({_codec.Dimensions}) NOT NULL);");
        foreach (var column in _data.Where(c => c.Property is DataPropertyModel { IsIndexed: true }))
        {
            sql.Append($" CREATE INDEX IF NOT EXISTS {PgSql.Quote(Name + "_" + column.Property.StorageName + "_idx")} ON {_table} ({column.Name});");
        }

        return sql.ToString();
    }

    private string CreateIndexSql()
    {
        FormattableString sql = $"CREATE INDEX IF NOT EXISTS {_vectorIndex} ON {_table} USING hnsw ({_vectorColumn} {_opClass}) WITH (m = {_options.HnswM}, ef_construction = {_options.HnswEfConstruction})";
        return sql.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private string CopyColumns() => _selectColumns + ", " + _vectorColumn;

    private string SelectList(bool includeVectors) => includeVectors ? CopyColumns() : _selectColumns;

    private Row ToRow(TRecord record)
    {
        var key = _codec.GetKey(record);
        var data = new object?[_data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = _data[i].Property.GetValueAsObject(record);
        }

        return new Row(key, data, _codec.GetVector(record, Name));
    }

    private Array KeyArray(IEnumerable<TKey> keys)
    {
        var list = keys.Select(k => (object)k).ToList();
        var array = Array.CreateInstance(_key.Property.Type, list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            array.SetValue(list[i] ?? throw new ArgumentException("A key is null.", nameof(keys)), i);
        }

        return array;
    }

    private async Task<int> InsertBatchAsync(ArraySegment<Row> rows, CancellationToken cancellationToken)
    {
        var columns = 2 + _data.Length;
        var sql = new StringBuilder($"INSERT INTO {_table} ({CopyColumns()}) VALUES ");
        await using var command = _dataSource.CreateCommand();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                sql.Append(c == 0 ? "$" : ", $").Append((r * columns) + c + 1);
            }

            sql.Append(')');
            var row = rows[r];
            command.Parameters.Add(new NpgsqlParameter { Value = row.Key });
            foreach (var value in row.Data)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            command.Parameters.Add(new NpgsqlParameter { Value = new Pgvector.Vector(row.Vector) });
        }

        sql.Append(OnConflictSql());
        command.CommandText = sql.ToString();
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> CopyBatchAsync(ArraySegment<Row> rows, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE TEMP TABLE br_upsert (LIKE {_table}) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY br_upsert ({CopyColumns()}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await WriteRowAsync(writer, row, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, $"INSERT INTO {_table} ({CopyColumns()}) SELECT {CopyColumns()} FROM br_upsert{OnConflictSql()}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private async Task WriteRowAsync(NpgsqlBinaryImporter writer, Row row, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await _key.Write(writer, row.Key, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _data.Length; i++)
        {
            await _data[i].Write(writer, row.Data[i], cancellationToken).ConfigureAwait(false);
        }

        await writer.WriteAsync(new Pgvector.Vector(row.Vector), cancellationToken).ConfigureAwait(false);
    }

    private string OnConflictSql() =>
        $" ON CONFLICT ({_key.Name}) DO UPDATE SET "
        + string.Join(", ", _data.Select(c => c.Name).Append(_vectorColumn).Select(c => $"{c} = EXCLUDED.{c}"));

    private async Task<List<(TRecord Record, double Distance)>> ReadRecordsAsync(
        NpgsqlCommand command, bool includeVectors, bool withDistance, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(reader, includeVectors, withDistance, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<(TRecord Record, double Distance)>> ReadAsync(
        NpgsqlDataReader reader, bool includeVectors, bool withDistance, CancellationToken cancellationToken)
    {
        var results = new List<(TRecord, double)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = _codec.CreateRecord<TRecord>();
            _key.Property.SetValueAsObject(record, _key.Read(reader, 0));
            for (var i = 0; i < _data.Length; i++)
            {
                // Skipping nulls leaves non-nullable value types at their default instead of failing the unbox.
                if (_data[i].Read(reader, i + 1) is { } value)
                {
                    _data[i].Property.SetValueAsObject(record, value);
                }
            }

            var next = _data.Length + 1;
            if (includeVectors)
            {
                _codec.SetVector(record, reader.GetFieldValue<Pgvector.Vector>(next).ToArray());
                next++;
            }

            results.Add((record, withDistance ? reader.GetDouble(next) : 0));
        }

        return results;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (timeoutSeconds is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
