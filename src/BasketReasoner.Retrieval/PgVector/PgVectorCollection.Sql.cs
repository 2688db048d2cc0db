using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

// DDL, row mapping, batched INSERT/COPY writes and reads.
public sealed partial class PgVectorCollection<TKey, TRecord>
{

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
}
