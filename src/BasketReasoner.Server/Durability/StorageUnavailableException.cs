using Microsoft.Data.Sqlite;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// The log could not commit (disk full, read-only, I/O error): nothing of the failed batch was acknowledged or
/// applied, and a retry after <see cref="RetryAfter"/> may succeed once the storage recovers.
/// </summary>
public sealed class StorageUnavailableException(string message, bool diskFull, Exception inner) : IOException(message, inner)
{
    /// <summary>The disk (or SQLite's page limit) is full: HTTP 507; otherwise the storage failed: HTTP 503.</summary>
    public bool DiskFull { get; } = diskFull;

    /// <summary>How long a client should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(diskFull ? 30 : 5);

    internal static StorageUnavailableException From(string logPath, Exception ex)
    {
        var full = ex is SqliteException { SqliteErrorCode: 13 } || (ex is IOException io && io.HResult == 28 /* ENOSPC */);
        var what = full ? "the disk holding the event log is full" : "the event log cannot be written";
        return new StorageUnavailableException($"Nothing was recorded: {what} ({Path.GetFileName(logPath)}: {ex.Message}). Retry later.", full, ex);
    }
}
