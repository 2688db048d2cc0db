namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>A collection snapshot on the Qdrant server (its <c>SnapshotDescription</c>).</summary>
/// <param name="Name">File name on the server, used to download, recover or delete it.</param>
/// <param name="Size">Bytes.</param>
/// <param name="CreatedAt">Creation time, or null where the server sends none.</param>
/// <param name="Checksum">SHA-256 of the file, or null where the server sends none.</param>
public sealed record QdrantSnapshot(string Name, long Size, DateTimeOffset? CreatedAt, string? Checksum);
