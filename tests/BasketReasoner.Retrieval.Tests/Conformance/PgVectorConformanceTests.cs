using BasketReasoner.Retrieval.PgVector;
using BasketReasoner.Retrieval.Tests.PgVector;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>
/// The conformance suite on a live PostgreSQL + pgvector (scripts/setup-postgres.sh; BASKET_PG overrides the
/// connection string). There is deliberately no skip: when the server is missing these tests fail.
/// </summary>
/// <remarks>
/// The collections use HNSW with ef_search 400, above the suite's row count, so the approximate index returns the
/// exact ranking the suite asserts; recall at scale is the 1M benchmark's business.
/// </remarks>
public sealed class PgVectorConformanceTests : VectorStoreConformanceTests
{
    protected override Task<VectorStore> OpenStoreAsync() =>
        Task.FromResult<VectorStore>(PgVectorStore.Connect(PgServer.ConnectionString, new PgVectorStoreOptions { EfSearch = 400 }));
}
