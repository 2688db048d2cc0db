using BasketReasoner.Retrieval.Embedded.Hnsw;

namespace BasketReasoner.Retrieval.Embedded;

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

    /// <summary>Graph and quantization settings of the HNSW index. Default: <see cref="HnswOptions"/>' defaults.</summary>
    public HnswOptions Hnsw { get; init; } = new();
}
