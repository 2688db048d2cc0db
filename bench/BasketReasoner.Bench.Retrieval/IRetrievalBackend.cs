namespace BasketReasoner.Bench.Retrieval;

/// <summary>
/// One system under test. The runner hands every backend the same row-major unit vectors (row i has id i) and the same
/// queries, and times <see cref="BuildAsync"/> and each <see cref="SearchAsync"/> separately.
/// </summary>
/// <remarks>
/// To add a backend (e.g. pgvector HNSW): implement this in a few lines over its VectorData collection (upsert records
/// with key = row id, then search and copy the keys of the results into <c>ids</c>), and add one line to
/// <c>Backends.Create</c>.
/// </remarks>
public interface IRetrievalBackend : IAsyncDisposable
{
    /// <summary>Short name printed in the results table.</summary>
    string Name { get; }

    /// <summary>Loads <paramref name="vectors"/> (count × dimensions, row i is id i) and builds whatever index the backend uses.</summary>
    Task BuildAsync(ReadOnlyMemory<float> vectors, int dimensions, CancellationToken cancellationToken);

    /// <summary>Writes the ids of the (up to) <paramref name="k"/> nearest rows by cosine, best first, into <paramref name="ids"/>; returns how many.</summary>
    ValueTask<int> SearchAsync(ReadOnlyMemory<float> query, int k, int[] ids, CancellationToken cancellationToken);
}

/// <summary>A backend whose search width can change between measurements without a rebuild (HNSW ef_search).</summary>
public interface ITunableSearch
{
    /// <summary>False when this instance has nothing to tune (e.g. an exact scan).</summary>
    bool IsTunable { get; }

    void SetEfSearch(int efSearch);
}

/// <summary>
/// A backend whose index lives in another process (a database server): the runner's in-process memory and CPU columns
/// miss the server's work, so it asks the backend for the server's storage and CPU time instead.
/// </summary>
public interface IServerSideBackend
{
    /// <summary>A table cell (MiB) describing what the server holds for this backend, labelled as server-side.</summary>
    Task<string> DescribeStorageAsync(CancellationToken cancellationToken);

    /// <summary>Cumulative CPU time (ms) of the server process that serves this backend's statements; NaN when unknown.</summary>
    double ServerCpuMilliseconds();
}
