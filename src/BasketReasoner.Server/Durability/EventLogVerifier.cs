using Microsoft.Data.Sqlite;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// Proves an event log intact without changing it: SQLite's <c>PRAGMA integrity_check</c>, every record's hash chain
/// (<see cref="LogChain"/>), and the last record against the high-water mark kept beside the log
/// (<see cref="HighWaterMark"/>): a log that ends before the mark, or whose record at the mark differs, lost
/// acknowledged records. The database is opened read-only, so a damaged WAL is left exactly as found (a read-write open
/// would checkpoint the surviving frames and drop the rest). Used by the server at start and by <c>basket log verify</c>.
/// </summary>
public static class EventLogVerifier
{
    /// <summary>Whether there is anything at <paramref name="path"/> to verify: the log file or its acknowledgement mark.</summary>
    public static bool Exists(string path) => File.Exists(path) || File.Exists(HighWaterMark.PathFor(path));

    /// <summary>Verifies the log at <paramref name="path"/>; a log that does not exist and never had a mark is intact and empty.</summary>
    public static EventLogReport Verify(string path)
    {
        path = Path.GetFullPath(path);
        var problems = new List<string>();
        HighWaterMark.Mark? mark = null;
        try
        {
            mark = HighWaterMark.Read(path);
        }
        catch (InvalidDataException ex)
        {
            problems.Add(ex.Message);
        }

        var (records, lastSeq, chainAtMark) = File.Exists(path) ? Scan(path, mark?.Seq, problems) : (0, 0, null);
        if (!File.Exists(path) && mark is { Seq: > 0 })
        {
            problems.Add($"The log file is missing, but {mark.Seq} records were acknowledged.");
        }
        else if (mark is { Seq: > 0 } && lastSeq < mark.Seq)
        {
            problems.Add($"Acknowledged records {lastSeq + 1} to {mark.Seq} are missing or damaged: the log verifies only up to record {lastSeq}.");
        }
        else if (mark is { Seq: > 0 } && chainAtMark is not null && !chainAtMark.AsSpan().SequenceEqual(mark.Chain))
        {
            problems.Add($"Record {mark.Seq} differs from the one acknowledged: the log was changed or replaced.");
        }

        return new EventLogReport(path, records, lastSeq, mark?.Seq, problems);
    }

    /// <summary>
    /// The documented recovery: keeps the records that verify, moves the damaged files into <c>LOG.damaged-TIME/</c>
    /// beside the log, and writes a new log and mark holding exactly those records. Returns the report of the new log.
    /// </summary>
    public static EventLogReport AcceptLoss(string path, TimeProvider time)
    {
        path = Path.GetFullPath(path);
        var kept = new List<LogRecord>();
        if (File.Exists(path))
        {
            try
            {
                Scan(path, null, [], kept);
            }
            catch (SqliteException)
            {
                // Unreadable: nothing is kept, the damaged files are still moved aside below.
            }
        }

        var aside = $"{path}.damaged-{time.GetUtcNow():yyyyMMddTHHmmssZ}";
        Directory.CreateDirectory(aside);
        foreach (var file in new[] { path, path + "-wal", path + "-shm", HighWaterMark.PathFor(path) })
        {
            if (File.Exists(file))
            {
                File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
            }
        }

        using (var log = DurableLog.Restore(path, kept))
        {
        }

        return Verify(path);
    }

    // Reads the log read-only; returns the intact prefix (records, last seq) and the chain hash at `markSeq`.
    private static (long Records, long LastSeq, byte[]? ChainAtMark) Scan(string path, long? markSeq, List<string> problems, List<LogRecord>? keep = null)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            try
            {
                db.Open();
                using var probe = db.CreateCommand();
                probe.CommandText = "SELECT COUNT(*) FROM sqlite_master;";
                probe.ExecuteScalar();
            }
            catch (SqliteException) when (!File.Exists(path + "-wal"))
            {
                // A WAL database on a read-only disk cannot be read without its -shm; with no WAL left there is
                // nothing it could add, so the file alone is the whole log.
                db.Close();
                db.ConnectionString = new SqliteConnectionStringBuilder { DataSource = new Uri(path).AbsoluteUri + "?immutable=1", Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
                db.Open();
            }

            var integrity = Strings(db, "PRAGMA integrity_check(5);");
            if (integrity is not ["ok"])
            {
                problems.Add("SQLite's integrity check failed: " + string.Join("; ", integrity) + ".");
            }

            if (Strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'log';").Count == 0)
            {
                return (0, 0, null);
            }

            var legacy = !Strings(db, "SELECT name FROM pragma_table_info('log');").Contains("chain");
            using var cmd = db.CreateCommand();
            cmd.CommandText = legacy
                ? "SELECT seq, cart_id, kind, ref_id, event_type, applied_product_id, body, recorded_at, NULL, NULL FROM log ORDER BY seq;"
                : "SELECT seq, cart_id, kind, ref_id, event_type, applied_product_id, body, recorded_at, request_hash, chain FROM log ORDER BY seq;";
            using var reader = cmd.ExecuteReader();
            var previous = LogChain.Genesis;
            long count = 0, last = 0;
            byte[]? atMark = null;
            while (reader.Read())
            {
                var r = new LogRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6))
                { RecordedAt = reader.GetString(7), RequestHash = reader.IsDBNull(8) ? null : reader.GetString(8) };
                var expected = LogChain.Next(previous, r.Seq, r.CartId, r.Kind, r.RefId, r.EventType, r.AppliedProductId, r.Body, r.RecordedAt, r.RequestHash);
                // A log written before chaining has no hashes; its first start under this version adds them.
                if (!legacy && (r.Seq != last + 1 || reader.IsDBNull(9) || !((byte[])reader.GetValue(9)).AsSpan().SequenceEqual(expected)))
                {
                    problems.Add($"Record {r.Seq} fails its checksum chain (expected record {last + 1}): it or one before it was changed, or records are missing.");
                    break;
                }

                previous = expected;
                count++;
                last = r.Seq;
                keep?.Add(r);
                if (r.Seq == markSeq)
                {
                    atMark = expected;
                }
            }

            return (count, last, atMark);
        }
        catch (SqliteException ex)
        {
            problems.Add($"SQLite cannot read the log: {ex.Message}");
            if (keep is not null)
            {
                throw;
            }

            return (0, 0, null);
        }
    }

    private static List<string> Strings(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
