using BasketReasoner.Retrieval.Qdrant;
using BasketReasoner.Retrieval.Tests.Qdrant;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>
/// The conformance suite through the official Qdrant.Client against <see cref="FakeQdrantGrpcServer"/>, a FAKE Qdrant
/// (exact search, Qdrant's documented filter semantics): it proves the connector's mapping end to end over real gRPC
/// framing, not Qdrant's own HNSW — that needs <see cref="QdrantLiveConformanceTests"/>.
/// </summary>
public sealed class QdrantFakeConformanceTests : VectorStoreConformanceTests
{
    private readonly FakeQdrantGrpcServer _server = new();

    protected override Task<VectorStore> OpenStoreAsync() =>
        Task.FromResult<VectorStore>(new QdrantVectorStore(_server.CreateClient(), new QdrantVectorStoreOptions { EfSearch = 400 }));
}
