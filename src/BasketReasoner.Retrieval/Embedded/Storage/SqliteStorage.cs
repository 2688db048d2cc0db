using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace BasketReasoner.Retrieval.Embedded.Storage;

/// <summary>
/// One SQLite file per collection (<c>&lt;collection&gt;.db</c>) in WAL mode: table <c>records(key TEXT PRIMARY KEY,
/// payload TEXT, vector BLOB)</c> with the key and payload as JSON and the vector as raw little-endian float32, plus
/// <c>meta</c> (format, dimensions). Each write is one transaction, so a killed process leaves exactly the batches
/// committed before it; with <see cref="EmbeddedVectorStoreOptions.FlushToDisk"/> <c>synchronous=FULL</c> also makes a
/// committed batch survive power loss (<c>NORMAL</c> otherwise, still safe against process crashes in WAL mode).
/// </summary>
/// <remarks>
/// The HNSW graph is not stored: it is rebuilt from the records on open. A graph is derived data, so rebuilding can never
/// disagree with the records after a crash, and the file stays one simple table; the price is the build time
/// (bench/RETRIEVAL.md), paid once per process start on collections above the HNSW threshold.
/// Writes cost O(b·d) for a batch of b rows, independent of the collection size (unlike the snapshot format).
/// </remarks>
internal sealed class SqliteStorage : ITableStorage
{
    private const string Format = "basketreasoner-embedded-sqlite/1";

    private readonly string _path;
    private readonly bool _flushToDisk;
    private readonly TableSchema _schema;
    private SqliteConnection? _connection;

    public SqliteStorage(string path, bool flushToDisk, TableSchema schema)
    {
        _path = path;
        _flushToDisk = flushToDisk;
        _schema = schema;
    }

    public const string FileExtension = ".db";

    public string Extension => FileExtension;

    public bool Exists => File.Exists(_path);

    public bool TracksChanges => true;

    /// <summary>Test hook: runs before each row of a commit is written, inside the transaction.</summary>
    internal Action<int>? BeforeRowWritten { get; set; }

    public void Load(VectorTable table)
    {
        var connection = Open();
        using (var meta = connection.CreateCommand())
        {
            meta.CommandText = "SELECT value FROM meta WHERE name = 'dimensions'";
            var stored = meta.ExecuteScalar() as string
                ?? throw new InvalidDataException($"'{_path}' is not an embedded vector collection (no dimensions recorded).");
            if (int.Parse(stored, System.Globalization.CultureInfo.InvariantCulture) != table.Dimensions)
            {
                throw new InvalidDataException($"'{_path}' holds {stored}-dimensional vectors; the collection expects {table.Dimensions}.");
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, vector FROM records ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var vector = new float[table.Dimensions];
        var bytes = new byte[table.Dimensions * sizeof(float)];
        while (reader.Read())
        {
            using var doc = JsonDocument.Parse(reader.GetString(0));
            var payload = PayloadJson.Read(doc.RootElement, _schema.Columns);
            if (reader.GetBytes(1, 0, bytes, 0, bytes.Length) != bytes.Length)
            {
                throw new InvalidDataException($"'{_path}' has a vector of the wrong length for key {payload[0]}.");
            }

            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(vector);
            table.Upsert(payload, vector);
        }
    }

    public object Capture(VectorTable table, IReadOnlyCollection<object> upserted, IReadOnlyCollection<object> deleted)
    {
        var rows = new List<(string Key, string Payload, byte[] Vector)>(upserted.Count);
        foreach (var key in upserted)
        {
            if (table.TryGetRow(key, out var row))
            {
                rows.Add((KeyText(key), PayloadJson.ToJson(_schema.Columns, table.Payload(row)), MemoryMarshal.AsBytes(table.Row(row)).ToArray()));
            }
        }

        return new Batch(rows, [.. deleted.Select(KeyText)]);
    }

    public void Commit(object captured)
    {
        var batch = (Batch)captured;
        var connection = Open();
        using var transaction = connection.BeginTransaction();
        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT INTO records (key, payload, vector) VALUES ($key, $payload, $vector) "
                + "ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, vector = excluded.vector";
            var key = upsert.Parameters.Add("$key", SqliteType.Text);
            var payload = upsert.Parameters.Add("$payload", SqliteType.Text);
            var vector = upsert.Parameters.Add("$vector", SqliteType.Blob);
            upsert.Prepare();
            for (var i = 0; i < batch.Upserts.Count; i++)
            {
                BeforeRowWritten?.Invoke(i);
                (key.Value, payload.Value, vector.Value) = batch.Upserts[i];
                upsert.ExecuteNonQuery();
            }
        }

        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM records WHERE key = $key";
            var key = delete.Parameters.Add("$key", SqliteType.Text);
            foreach (var deleted in batch.Deletes)
            {
                key.Value = deleted;
                delete.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public void Delete()
    {
        Close();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    public void Dispose() => Close();

    private string KeyText(object key) => JsonSerializer.Serialize(key, _schema.Columns[0].Type);

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        // Pooling off: the file may be deleted and recreated, and a pooled handle would keep the old inode alive.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {(_flushToDisk ? "FULL" : "NORMAL")};
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, payload TEXT NOT NULL, vector BLOB NOT NULL);
            INSERT OR IGNORE INTO meta (name, value) VALUES ('format', '{Format}');
            INSERT OR IGNORE INTO meta (name, value) VALUES ('dimensions', '{_schema.Dimensions}');
            """;
        setup.ExecuteNonQuery();
        _connection = connection;
        return connection;
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private sealed record Batch(List<(string Key, string Payload, byte[] Vector)> Upserts, string[] Deletes);
}
