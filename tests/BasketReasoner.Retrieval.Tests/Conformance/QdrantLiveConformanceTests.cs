using BasketReasoner.Retrieval.Qdrant;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>
/// The conformance suite against a live Qdrant at QDRANT_URL (REST port, e.g. http://127.0.0.1:6333; QDRANT_API_KEY
/// optional). No Qdrant server exists on this project's machines, so in CI these report as skipped with that reason.
/// </summary>
[RequiresEnvironment("QDRANT_URL", "QDRANT_URL is not set: no live Qdrant server to run the conformance suite against (the REST contract tests in Qdrant/ still run).")]
public sealed class QdrantLiveConformanceTests : VectorStoreConformanceTests
{
    protected override Task<VectorStore> OpenStoreAsync() =>
        Task.FromResult<VectorStore>(QdrantVectorStore.Connect(
            new Uri(Environment.GetEnvironmentVariable("QDRANT_URL")!),
            Environment.GetEnvironmentVariable("QDRANT_API_KEY"),
            new QdrantVectorStoreOptions { EfSearch = 400 }));
}
