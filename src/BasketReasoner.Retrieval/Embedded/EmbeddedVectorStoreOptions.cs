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
}
