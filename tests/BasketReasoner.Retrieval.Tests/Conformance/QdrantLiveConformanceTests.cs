using BasketReasoner.Retrieval.Qdrant;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>
/// The conformance suite against a live Qdrant at QDRANT_GRPC_URL (its gRPC port, e.g. http://127.0.0.1:6334;
/// QDRANT_API_KEY optional). No Qdrant server can be installed on this project's machines, so in CI these report as
/// skipped with that reason; <see cref="QdrantFakeConformanceTests"/> runs the same suite against the fake.
/// </summary>
[RequiresEnvironment("QDRANT_GRPC_URL", "QDRANT_GRPC_URL is not set: no live Qdrant server to run the conformance suite against (the suite still runs against FakeQdrantGrpcServer).")]
public sealed class QdrantLiveConformanceTests : VectorStoreConformanceTests
{
    protected override Task<VectorStore> OpenStoreAsync() =>
        Task.FromResult<VectorStore>(QdrantVectorStore.Connect(
            new Uri(Environment.GetEnvironmentVariable("QDRANT_GRPC_URL")!),
            Environment.GetEnvironmentVariable("QDRANT_API_KEY"),
            new QdrantVectorStoreOptions { EfSearch = 400 }));
}
