using BasketReasoner.Retrieval.Embedded.Hnsw;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>How an <see cref="EmbeddedVectorStore"/> persists its collections.</summary>
public enum EmbeddedStorage
{
    /// <summary>
    /// One whole-collection snapshot per collection (<c>&lt;name&gt;.evc</c>), rewritten atomically on every write: O(n·d)
    /// per write, no native dependency. The default, and the format of the committed product index.
    /// </summary>
    Snapshot,

    /// <summary>
    /// One SQLite file per collection (<c>&lt;name&gt;.db</c>, WAL mode); each write batch is one transaction, O(b·d) for b
    /// rows. For large or frequently written collections.
    /// </summary>
    Sqlite,

    /// <summary>
    /// Nothing on disk: collections live as long as the store object (<see cref="EmbeddedVectorStoreOptions.Directory"/>
    /// is still required but never written). For caches, tests and measuring the index alone.
    /// </summary>
    InMemory,
}

/// <summary>Options for <see cref="EmbeddedVectorStore"/>.</summary>
public sealed class EmbeddedVectorStoreOptions
{
    /// <summary>
    /// Folder that holds one snapshot file per collection (<c>&lt;collection&gt;.evc</c>). Required; created when missing.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>
    /// When <c>true</c> (the default) every snapshot is flushed to the device (<c>fsync</c>) before it replaces the
    /// previous one, so a completed write survives power loss. Tests may turn it off for speed.
    /// </summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>
    /// A collection switches from exact search to its HNSW index once it holds this many rows. Default 20,000: below
    /// that an exact SIMD scan of 128-d vectors takes well under a millisecond per query and is always right. 0 means
    /// always use HNSW; <see cref="int.MaxValue"/> means never.
    /// </summary>
    public int HnswThreshold { get; init; } = 20_000;

    /// <summary>Persistence format. Default <see cref="EmbeddedStorage.Snapshot"/>.</summary>
    public EmbeddedStorage Storage { get; init; } = EmbeddedStorage.Snapshot;

    /// <summary>Graph and quantization settings of the HNSW index. Default: <see cref="HnswOptions"/>' defaults.</summary>
    public HnswOptions Hnsw { get; init; } = new();
}
