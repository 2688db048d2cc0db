using Microsoft.Data.Sqlite;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// Append-only SQLite log (WAL, <c>synchronous=FULL</c>): a record is on disk when <see cref="AppendAsync"/> completes, so
/// an event is acknowledged only after it is durable, and a restart — also after <c>kill -9</c> — replays exactly
/// what was acknowledged. The stored decision is replayed, not recomputed, so no model runs again. One connection,
/// writes serialized; thread-safe. Appends that arrive while a commit is syncing are written together in the next
/// transaction (group commit): one fsync for the batch instead of one per record, each caller still answered only
/// after the commit that holds its record.
/// </summary>
internal sealed class DurableLog : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly Lock _queueGate = new();
    private List<PendingAppend> _queue = [];
    private bool _writing;

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

    /// <summary>
    /// Appends one record; the task completes with its sequence number once the transaction holding it is committed
    /// and synced. The first caller to find no commit under way writes the queue (its own record and any queued
    /// with it) on its own thread; records that arrive meanwhile are written by a thread-pool task, batch after batch,
    /// until the queue is empty, so no caller waits for more than the batch after its own.
    /// </summary>
    /// <exception cref="SqliteException">The record (same cart, kind and id) is already logged, or the disk failed.</exception>
    public Task<long> AppendAsync(string cartId, string kind, string refId, string eventType, string? appliedProductId, string body, DateTimeOffset at)
    {
        var pending = new PendingAppend(cartId, kind, refId, eventType, appliedProductId, body, at);
        bool lead;
        lock (_queueGate)
        {
            _queue.Add(pending);
            lead = !_writing;
            _writing = true;
        }

        if (lead && WriteNextBatch())
        {
            _ = Task.Run(WriteQueue);
        }

        return pending.Done.Task;
    }

    private void WriteQueue()
    {
        while (WriteNextBatch())
        {
        }
    }

    // Writes what is queued as one batch; returns whether more arrived meanwhile (the caller keeps writing).
    private bool WriteNextBatch()
    {
        List<PendingAppend> batch;
        lock (_queueGate)
        {
            (batch, _queue) = (_queue, []);
        }

        WriteBatch(batch);
        lock (_queueGate)
        {
            _writing = _queue.Count > 0;
            return _writing;
        }
    }

    // One transaction, one sync: a record that fails (a duplicate key) fails alone; a failed commit fails them all.
    private void WriteBatch(List<PendingAppend> batch)
    {
        var seqs = new long?[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            lock (_gate)
            {
                using var tx = _db.BeginTransaction();
                using var cmd = _db.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO log (cart_id, kind, ref_id, event_type, applied_product_id, body, recorded_at)
                    VALUES ($c, $k, $r, $t, $a, $b, $at) RETURNING seq;
                    """;
                var parameters = new[] { "$c", "$k", "$r", "$t", "$a", "$b", "$at" }.Select(n => cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
                for (var i = 0; i < batch.Count; i++)
                {
                    var r = batch[i];
                    parameters[0].Value = r.CartId;
                    parameters[1].Value = r.Kind;
                    parameters[2].Value = r.RefId;
                    parameters[3].Value = r.EventType;
                    parameters[4].Value = (object?)r.AppliedProductId ?? DBNull.Value;
                    parameters[5].Value = r.Body;
                    parameters[6].Value = r.At.ToString("O");
                    try
                    {
                        seqs[i] = (long)cmd.ExecuteScalar()!;
                    }
                    catch (SqliteException ex)
                    {
                        errors[i] = ex;
                    }
                }

                tx.Commit();
            }
        }
        catch (Exception ex)
        {
            foreach (var r in batch)
            {
                r.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult(seqs[i]!.Value);
            }
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

/// <summary>A record waiting for its commit.</summary>
internal sealed record PendingAppend(string CartId, string Kind, string RefId, string EventType, string? AppliedProductId, string Body, DateTimeOffset At)
{
    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
