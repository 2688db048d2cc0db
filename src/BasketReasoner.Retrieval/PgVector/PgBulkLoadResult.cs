namespace BasketReasoner.Retrieval.PgVector;

/// <summary>What <see cref="PgVectorCollection{TKey,TRecord}.BulkLoadAsync"/> did: rows copied, COPY time, HNSW build time (zero when Flat).</summary>
public sealed record PgBulkLoadResult(long Rows, TimeSpan CopyTime, TimeSpan IndexBuildTime);
