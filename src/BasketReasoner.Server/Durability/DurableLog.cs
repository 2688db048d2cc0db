using Microsoft.Data.Sqlite;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// Append-only SQLite log (WAL, <c>synchronous=FULL</c>): a record is on disk when <see cref="Append"/> returns, so
/// an event is acknowledged only after it is durable, and a restart — also after <c>kill -9</c> — replays exactly
/// what was acknowledged. The stored decision is replayed, not recomputed, so no model runs again. One connection,
/// writes serialized; thread-safe.
/// </summary>
internal sealed class DurableLog : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    public DurableLog(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL;");
        Exec("PRAGMA synchronous=FULL;");
        Exec("""
            CREATE TABLE IF NOT EXISTS log (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              cart_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              ref_id TEXT NOT NULL,
              event_type TEXT NOT NULL,
              applied_product_id TEXT,
              body TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              UNIQUE (cart_id, kind, ref_id));
            """);
        LogPath = path;
    }

    public string LogPath { get; }

    /// <summary>Appends and syncs one record; returns its sequence number.</summary>
    /// <exception cref="SqliteException">The record (same cart, kind and id) is already logged, or the disk failed.</exception>
    public long Append(string cartId, string kind, string refId, string eventType, string? appliedProductId, string body, DateTimeOffset at)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO log (cart_id, kind, ref_id, event_type, applied_product_id, body, recorded_at)
                VALUES ($c, $k, $r, $t, $a, $b, $at) RETURNING seq;
                """;
            cmd.Parameters.AddWithValue("$c", cartId);
            cmd.Parameters.AddWithValue("$k", kind);
            cmd.Parameters.AddWithValue("$r", refId);
            cmd.Parameters.AddWithValue("$t", eventType);
            cmd.Parameters.AddWithValue("$a", (object?)appliedProductId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$b", body);
            cmd.Parameters.AddWithValue("$at", at.ToString("O"));
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Every record in append order.</summary>
    public IReadOnlyList<LogRecord> ReadAll()
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT seq, cart_id, kind, ref_id, event_type, applied_product_id, body FROM log ORDER BY seq;";
            using var reader = cmd.ExecuteReader();
            var list = new List<LogRecord>();
            while (reader.Read())
            {
                list.Add(new LogRecord(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
            }

            return list;
        }
    }

    public bool IsHealthy()
    {
        lock (_gate)
        {
            try
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT 1;";
                return cmd.ExecuteScalar() is long one && one == 1;
            }
            catch (SqliteException)
            {
                return false;
            }
        }
    }

    public void Dispose() => _db.Dispose();

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
