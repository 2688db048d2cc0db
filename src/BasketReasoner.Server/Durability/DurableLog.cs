using Microsoft.Data.Sqlite;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// Append-only SQLite log (WAL, <c>synchronous=FULL</c>): a record is on disk when <see cref="AppendAsync"/> completes, so
/// an event is acknowledged only after it is durable, and a restart — also after <c>kill -9</c> — replays exactly
/// what was acknowledged. The stored decision is replayed, not recomputed, so no model runs again. One connection,
/// writes serialized; thread-safe. Appends that arrive while a commit is syncing are written together in the next
/// transaction (group commit): one fsync for the batch instead of one per record, each caller still answered only
/// after the commit that holds its record.
/// <para>
/// Loss is detected, never served over: records are numbered 1, 2, 3, … and hash-chained (<see cref="LogChain"/>), and
/// after each commit, before any caller is answered, the last sequence number and its hash go to a high-water mark
/// file beside the log (<see cref="HighWaterMark"/>, a second sync per batch). On open the log is verified read-only
/// first (<see cref="EventLogVerifier"/>); a log that lost or changed an acknowledged record throws
/// <see cref="LogDamagedException"/> and nothing is written.
/// </para>
/// </summary>
internal sealed class DurableLog : IDisposable
{
    private const string Columns = "seq, cart_id, kind, ref_id, event_type, applied_product_id, body, recorded_at, request_hash, chain";

    private readonly SqliteConnection _db;
    private readonly HighWaterMark _mark;
    private readonly Lock _gate = new();
    private readonly Lock _queueGate = new();
    private List<PendingAppend> _queue = [];
    private bool _writing;
    private long _lastSeq;
    private byte[] _lastChain = LogChain.Genesis;

    /// <exception cref="LogDamagedException">Acknowledged records are missing or changed.</exception>
    /// <exception cref="IOException">The log cannot be opened for writing; the message names <c>Server:EventLogPath</c>.</exception>
    public DurableLog(string path)
        : this(path, maxPageCount: null)
    {
    }

    /// <param name="path">The SQLite file.</param>
    /// <param name="maxPageCount">SQLite's <c>max_page_count</c>: a size cap that fails commits as a full disk does (tests where no small filesystem can be mounted).</param>
    internal DurableLog(string path, long? maxPageCount)
    {
        path = Path.GetFullPath(path);
        var report = EventLogVerifier.Verify(path);
        if (!report.Intact)
        {
            throw new LogDamagedException(report);
        }

        try
        {
            if (Path.GetDirectoryName(path) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }

            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _db.Open();
            Exec("PRAGMA journal_mode=WAL;");
            Exec("PRAGMA synchronous=FULL;");
            if (maxPageCount is { } pages)
            {
                Exec($"PRAGMA max_page_count={pages};");
            }
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
                  request_hash TEXT,
                  chain BLOB,
                  UNIQUE (cart_id, kind, ref_id));
                CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY, at TEXT NOT NULL, headroom BLOB);
                """);
            ChainLegacyRecords();
            (_lastSeq, _lastChain) = Last();
            _mark = HighWaterMark.Open(path, HighWaterMark.Read(path));
            if (_lastSeq > (report.AcknowledgedSeq ?? -1))
            {
                // Committed but not yet marked when the process died (or a log from before marks): mark it now.
                _mark.Write(_lastSeq, _lastChain);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _db?.Dispose();
            throw new IOException($"Server:EventLogPath '{path}' cannot be opened for writing: {ex.Message}", ex);
        }

        LogPath = path;
        Recovered = report.Records;
    }

    public string LogPath { get; }

    /// <summary>Records found (and verified) at open.</summary>
    public long Recovered { get; }

    /// <summary>The last failure to commit, cleared by the next successful write; <c>null</c> while storage works.</summary>
    public StorageUnavailableException? StorageFault { get; private set; }

    /// <summary>Writes a fresh log holding <paramref name="records"/> (already verified) and its mark: the recovery path.</summary>
    internal static DurableLog Restore(string path, IReadOnlyList<LogRecord> records)
    {
        var log = new DurableLog(path);
        lock (log._gate)
        {
            using var tx = log._db.BeginTransaction();
            using var cmd = log._db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO log ({Columns}) VALUES ($s, $c, $k, $r, $t, $a, $b, $at, $h, $chain);";
            var chain = LogChain.Genesis;
            foreach (var r in records)
            {
                chain = LogChain.Next(chain, r.Seq, r.CartId, r.Kind, r.RefId, r.EventType, r.AppliedProductId, r.Body, r.RecordedAt, r.RequestHash);
                cmd.Parameters.Clear();
                Bind(cmd, r.Seq, r.CartId, r.Kind, r.RefId, r.EventType, r.AppliedProductId, r.Body, r.RecordedAt, r.RequestHash, chain);
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
            if (records.Count > 0)
            {
                log._lastSeq = records[^1].Seq;
                log._lastChain = chain;
                log._mark.Write(log._lastSeq, chain);
            }
        }

        return log;
    }

    /// <summary>
    /// Appends one record; the task completes with its sequence number once the transaction holding it is committed
    /// and synced and the high-water mark is written. The first caller to find no commit under way writes the queue
    /// (its own record and any queued with it) on its own thread; records that arrive meanwhile are written by a
    /// thread-pool task, batch after batch, until the queue is empty, so no caller waits for more than the batch after its own.
    /// </summary>
    /// <exception cref="SqliteException">The record (same cart, kind and id) is already logged.</exception>
    /// <exception cref="StorageUnavailableException">The disk is full or failed; nothing of this record was written.</exception>
    public Task<long> AppendAsync(string cartId, string kind, string refId, string eventType, string? appliedProductId, string body, DateTimeOffset at, string? requestHash = null)
    {
        var pending = new PendingAppend(cartId, kind, refId, eventType, appliedProductId, body, at, requestHash);
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

    // One transaction, one sync, then the mark: a record that fails (a duplicate key) fails alone; a failed commit fails them all.
    private void WriteBatch(List<PendingAppend> batch)
    {
        var seqs = new long?[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            lock (_gate)
            {
                var seq = _lastSeq;
                var chain = _lastChain;
                using (var tx = _db.BeginTransaction())
                using (var cmd = _db.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = $"INSERT INTO log ({Columns}) VALUES ($s, $c, $k, $r, $t, $a, $b, $at, $h, $chain);";
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var r = batch[i];
                        var at = r.At.ToString("O");
                        var next = LogChain.Next(chain, seq + 1, r.CartId, r.Kind, r.RefId, r.EventType, r.AppliedProductId, r.Body, at, r.RequestHash);
                        cmd.Parameters.Clear();
                        Bind(cmd, seq + 1, r.CartId, r.Kind, r.RefId, r.EventType, r.AppliedProductId, r.Body, at, r.RequestHash, next);
                        try
                        {
                            cmd.ExecuteNonQuery();
                            seqs[i] = ++seq;
                            chain = next;
                        }
                        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
                        {
                            errors[i] = ex;
                        }
                    }

                    tx.Commit();
                }

                // The commit is durable; the batch is acknowledged only once the mark covers it.
                (_lastSeq, _lastChain) = (seq, chain);
                if (seqs.Any(s => s is not null))
                {
                    _mark.Write(seq, chain);
                }

                StorageFault = null;
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            var fault = StorageUnavailableException.From(LogPath, ex);
            StorageFault = fault;
            foreach (var r in batch)
            {
                r.Done.TrySetException(fault);
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
            cmd.CommandText = $"SELECT {Columns} FROM log ORDER BY seq;";
            using var reader = cmd.ExecuteReader();
            var list = new List<LogRecord>();
            while (reader.Read())
            {
                list.Add(new LogRecord(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6))
                {
                    RecordedAt = reader.GetString(7),
                    RequestHash = reader.IsDBNull(8) ? null : reader.GetString(8),
                });
            }

            return list;
        }
    }

    /// <summary>
    /// Whether the log can take writes right now: a committed 64 KiB write to its <c>health</c> table, so a full or
    /// failing disk makes readiness fail before (not only after) an event does, and a recovered disk clears it.
    /// </summary>
    public bool IsHealthy()
    {
        lock (_gate)
        {
            try
            {
                using var cmd = _db.CreateCommand();
                // 64 KiB, several events' worth: a disk with only the scraps a failed commit left behind is not ready.
                cmd.CommandText = "INSERT OR REPLACE INTO health (id, at, headroom) VALUES (1, $at, zeroblob(65536));";
                cmd.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                cmd.ExecuteNonQuery();
                // That row rewrites pages the WAL already holds, so it passes on a full disk where the next event, which
                // needs new pages, fails: 64 KiB of new space beside the log is what "ready" promises.
                ProbeNewSpace();
                StorageFault = null;
                return true;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                StorageFault = StorageUnavailableException.From(LogPath, ex);
                return false;
            }
        }
    }

    private void ProbeNewSpace()
    {
        var probe = LogPath + ".ready-probe";
        try
        {
            using var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            file.Write(s_headroom);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private static readonly byte[] s_headroom = new byte[65536];

    /// <summary>Waits for a commit under way, then closes the log (SQLite checkpoints the WAL into the file).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _db.Dispose();
            _mark.Dispose();
        }
    }

    private static void Bind(SqliteCommand cmd, long seq, string cartId, string kind, string refId, string eventType, string? applied, string body, string at, string? requestHash, byte[] chain)
    {
        cmd.Parameters.AddWithValue("$s", seq);
        cmd.Parameters.AddWithValue("$c", cartId);
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$r", refId);
        cmd.Parameters.AddWithValue("$t", eventType);
        cmd.Parameters.AddWithValue("$a", (object?)applied ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$b", body);
        cmd.Parameters.AddWithValue("$at", at);
        cmd.Parameters.AddWithValue("$h", (object?)requestHash ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$chain", chain);
    }

    // A log written before chaining: add the columns and hash its records in order, once.
    private void ChainLegacyRecords()
    {
        using var check = _db.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('log') WHERE name = 'chain';";
        if ((long)check.ExecuteScalar()! == 1)
        {
            return;
        }

        Exec("ALTER TABLE log ADD COLUMN request_hash TEXT; ALTER TABLE log ADD COLUMN chain BLOB;");
        var records = ReadAll();
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE log SET seq = $new, chain = $chain WHERE seq = $old;";
        var chain = LogChain.Genesis;
        long seq = 0;
        foreach (var r in records)
        {
            // Renumbered without gaps (a legacy log's AUTOINCREMENT may have skipped), in the same order.
            chain = LogChain.Next(chain, ++seq, r.CartId, r.Kind, r.RefId, r.EventType, r.AppliedProductId, r.Body, r.RecordedAt, null);
            cmd.Parameters.Clear();
            cmd.Parameters.AddWithValue("$new", seq);
            cmd.Parameters.AddWithValue("$chain", chain);
            cmd.Parameters.AddWithValue("$old", r.Seq);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private (long Seq, byte[] Chain) Last()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT seq, chain FROM log ORDER BY seq DESC LIMIT 1;";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, LogChain.Genesis);
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>A record waiting for its commit.</summary>
internal sealed record PendingAppend(string CartId, string Kind, string RefId, string EventType, string? AppliedProductId, string Body, DateTimeOffset At, string? RequestHash)
{
    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
