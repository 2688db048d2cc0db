using System.Globalization;
using BasketReasoner.Retrieval.Qdrant;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Bench.Retrieval;

/// <summary>A record Qdrant can key: point ids are unsigned integers (or UUIDs).</summary>
public sealed class QdrantBenchRecord
{
    public ulong Id { get; set; }

    public ReadOnlyMemory<float> Vector { get; set; }
}

/// <summary>
/// Qdrant HNSW through <see cref="QdrantVectorStore"/> over the official gRPC client, against the server named by
/// <c>QDRANT_GRPC_URL</c> (no Qdrant runs on this project's machines, so this backend has never been measured here).
/// Build = batched waiting upserts, then waiting until the server reports the collection green (its optimizers have
/// built the HNSW segments); each search is one gRPC round trip with <c>hnsw_ef</c>. The collection gets a random name
/// and is dropped afterwards.
/// </summary>
internal sealed class QdrantBackend(Uri endpoint, string? apiKey, int m, int efConstruction, int efSearch) : IRetrievalBackend, ITunableSearch
{
    private readonly string _name = "bench_retrieval_" + Guid.NewGuid().ToString("N")[..12];
    private QdrantClient? _client;
    private VectorStoreCollectionDefinition? _definition;
    private QdrantVectorCollection<ulong, QdrantBenchRecord>? _collection;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"Qdrant HNSW (m {m}, efC {efConstruction})");

    public bool IsTunable => true;

    public void SetEfSearch(int efSearch) => _collection = Open(efSearch);

    public async Task BuildAsync(ReadOnlyMemory<float> vectors, int dimensions, CancellationToken cancellationToken)
    {
        _client = new QdrantClient(endpoint, apiKey, TimeSpan.FromMinutes(5));
        _definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(QdrantBenchRecord.Id), typeof(ulong)),
                new VectorStoreVectorProperty(nameof(QdrantBenchRecord.Vector), typeof(ReadOnlyMemory<float>), dimensions)
                {
                    DistanceFunction = DistanceFunction.CosineSimilarity,
                    IndexKind = IndexKind.Hnsw,
                },
            ],
        };
        _collection = Open(efSearch);
        await _collection.EnsureCollectionDeletedAsync(cancellationToken);
        await _collection.EnsureCollectionExistsAsync(cancellationToken);
        var count = vectors.Length / dimensions;
        await _collection.UpsertAsync(
            Enumerable.Range(0, count).Select(i => new QdrantBenchRecord { Id = (ulong)i, Vector = vectors.Slice(i * dimensions, dimensions) }),
            cancellationToken);
        while ((await _client.GetCollectionInfoAsync(_name, cancellationToken)).Status != CollectionStatus.Green)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    public async ValueTask<int> SearchAsync(ReadOnlyMemory<float> query, int k, int[] ids, CancellationToken cancellationToken)
    {
        var found = 0;
        await foreach (var result in _collection!.SearchAsync(query, k, null, cancellationToken))
        {
            ids[found++] = checked((int)result.Record.Id);
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (_collection is not null)
        {
            await _collection.EnsureCollectionDeletedAsync();
        }

        _client?.Dispose();
    }

    private QdrantVectorCollection<ulong, QdrantBenchRecord> Open(int ef) =>
        new QdrantVectorStore(_client!, new QdrantVectorStoreOptions
        {
            HnswM = m,
            HnswEfConstruct = efConstruction,
            EfSearch = ef,
            UpsertBatchSize = 1000,
        }).GetCollection<ulong, QdrantBenchRecord>(_name, _definition);
}
