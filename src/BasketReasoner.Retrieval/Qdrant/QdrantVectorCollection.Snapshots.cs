using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>Collection snapshots, which the VectorData abstraction does not cover.</summary>
public sealed partial class QdrantVectorCollection<TKey, TRecord>
{
    /// <summary>Asks the server to write a snapshot of this collection (on every node that holds its shards) and describes it.</summary>
    public Task<QdrantSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken = default) =>
        Run("CreateSnapshot", async () => ToSnapshot(await _client.CreateSnapshotAsync(Name, cancellationToken).ConfigureAwait(false)), cancellationToken);

    /// <summary>The snapshots the server holds for this collection.</summary>
    public Task<IReadOnlyList<QdrantSnapshot>> ListSnapshotsAsync(CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<QdrantSnapshot>>("ListSnapshots", async () =>
            [.. (await _client.ListSnapshotsAsync(Name, cancellationToken).ConfigureAwait(false)).Select(ToSnapshot)], cancellationToken);

    /// <summary>Deletes the snapshot named <paramref name="snapshotName"/>.</summary>
    public Task DeleteSnapshotAsync(string snapshotName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotName);
        return Run("DeleteSnapshot", async () =>
        {
            await _client.DeleteSnapshotAsync(Name, snapshotName, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private static QdrantSnapshot ToSnapshot(SnapshotDescription description) => new(
        description.Name,
        description.Size,
        description.CreationTime?.ToDateTimeOffset(),
        description.HasChecksum ? description.Checksum : null);
}
