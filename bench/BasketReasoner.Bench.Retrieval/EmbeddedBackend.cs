using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Embedded.Hnsw;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Bench.Retrieval;

/// <summary>A record of the benchmark collection: the row id and its vector, nothing else.</summary>
public sealed class BenchRecord
{
    public int Id { get; set; }

    public ReadOnlyMemory<float> Vector { get; set; }
}

/// <summary>
/// The embedded store through its public VectorData API, exactly as an application uses it (records in, records out).
/// Storage is in-memory by default so build time measures the index; <c>--storage sqlite</c> adds persisting every
/// record to a temp SQLite file (deleted afterwards).
/// </summary>
internal sealed class EmbeddedBackend(string name, int hnswThreshold, HnswOptions hnsw, EmbeddedStorage storage) : IRetrievalBackend, ITunableSearch
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "br-bench-retrieval-" + Guid.NewGuid().ToString("N"));
    private EmbeddedVectorStore? _store;
    private EmbeddedVectorCollection<int, BenchRecord>? _collection;

    public string Name { get; } = name;

    public async Task BuildAsync(ReadOnlyMemory<float> vectors, int dimensions, CancellationToken cancellationToken)
    {
        _store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = _directory, HnswThreshold = hnswThreshold, Hnsw = hnsw, Storage = storage });
        _collection = _store.GetCollection<int, BenchRecord>("bench", new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(BenchRecord.Id), typeof(int)),
                new VectorStoreVectorProperty(nameof(BenchRecord.Vector), typeof(ReadOnlyMemory<float>), dimensions)
                {
                    DistanceFunction = DistanceFunction.CosineSimilarity,
                },
            ],
        });
        await _collection.EnsureCollectionExistsAsync(cancellationToken);
        var count = vectors.Length / dimensions;
        await _collection.UpsertAsync(
            Enumerable.Range(0, count).Select(i => new BenchRecord { Id = i, Vector = vectors.Slice(i * dimensions, dimensions) }),
            cancellationToken);
    }

    public async ValueTask<int> SearchAsync(ReadOnlyMemory<float> query, int k, int[] ids, CancellationToken cancellationToken)
    {
        var found = 0;
        await foreach (var result in _collection!.SearchAsync(query, k, cancellationToken: cancellationToken))
        {
            ids[found++] = result.Record.Id;
        }

        return found;
    }

    /// <summary>The built graph's structure (reachability, degrees, layer sizes), or null for exact search.</summary>
    public string? DescribeGraph() => _collection?.Table.Index?.Graph.ComputeStats().ToString();

    public bool IsTunable => hnswThreshold < int.MaxValue;

    public void SetEfSearch(int efSearch) => _collection!.EfSearch = efSearch;

    public ValueTask DisposeAsync()
    {
        _store?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
