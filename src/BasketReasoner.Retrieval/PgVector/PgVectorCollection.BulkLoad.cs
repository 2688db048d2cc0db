using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

// First loads of many records (one COPY, index built once) and storage size.
public sealed partial class PgVectorCollection<TKey, TRecord>
{

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
}
