namespace BasketReasoner.Retrieval.Embedded.Storage;

/// <summary>
/// Where a <see cref="VectorTable"/> persists. A write happens in two steps so the reader/writer lock is held only for
/// the in-memory part: <see cref="Capture"/> runs under the write lock and copies what must be written;
/// <see cref="Commit"/> runs after it, still serialised with other writers, and must be atomic (all or nothing).
/// </summary>
internal interface ITableStorage : IDisposable
{
    /// <summary>File extension of one collection, including the dot.</summary>
    string Extension { get; }

    bool Exists { get; }

    /// <summary>Fills an empty table from disk; throws <see cref="InvalidDataException"/> on damage.</summary>
    void Load(VectorTable table);

    /// <summary>Copies what the write must persist: the keys changed since the last commit (caller holds the write lock).</summary>
    object Capture(VectorTable table, IReadOnlyCollection<object> upserted, IReadOnlyCollection<object> deleted);

    /// <summary>Makes a captured write durable atomically.</summary>
    void Commit(object captured);

    /// <summary>Removes the collection's files.</summary>
    void Delete();

    /// <summary>Whether <see cref="Capture"/> needs the changed keys (a whole-file snapshot does not).</summary>
    bool TracksChanges { get; }
}

/// <summary>The whole-collection snapshot file (<c>.evc</c>): see <see cref="SnapshotFile"/>.</summary>
internal sealed class SnapshotStorage(string path, bool flushToDisk) : ITableStorage
{
    public string Extension => SnapshotFile.Extension;

    public bool Exists => File.Exists(path);

    public bool TracksChanges => false;

    public void Load(VectorTable table) => SnapshotFile.Load(path, table);

    public object Capture(VectorTable table, IReadOnlyCollection<object> upserted, IReadOnlyCollection<object> deleted) => SnapshotFile.Serialize(table);

    public void Commit(object captured) => SnapshotFile.WriteAtomically(path, (byte[])captured, flushToDisk);

    public void Delete() => File.Delete(path);

    public void Dispose()
    {
    }
}

/// <summary>No files: the collection lives as long as its store. For caches, tests and benchmarks of the index alone.</summary>
internal sealed class InMemoryStorage : ITableStorage
{
    public string Extension => "";

    public bool Exists => false;

    public bool TracksChanges => false;

    public void Load(VectorTable table)
    {
    }

    public object Capture(VectorTable table, IReadOnlyCollection<object> upserted, IReadOnlyCollection<object> deleted) => this;

    public void Commit(object captured)
    {
    }

    public void Delete()
    {
    }

    public void Dispose()
    {
    }
}
