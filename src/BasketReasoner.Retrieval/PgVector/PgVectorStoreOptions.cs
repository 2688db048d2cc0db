namespace BasketReasoner.Retrieval.PgVector;

/// <summary>Options for <see cref="PgVectorStore"/>: table placement, HNSW build and search parameters, batching.</summary>
public sealed class PgVectorStoreOptions
{
    /// <summary>Schema that holds one table per collection. Default <c>public</c>.</summary>
    public string Schema { get; init; } = "public";

    /// <summary>HNSW <c>m</c>: links per node. Default 16 (pgvector's default). Range 2..100.</summary>
    public int HnswM { get; init; } = 16;

    /// <summary>HNSW <c>ef_construction</c>: candidate list size while building. Default 64 (pgvector's default); at least 2·m.</summary>
    public int HnswEfConstruction { get; init; } = 64;

    /// <summary>
    /// <c>hnsw.ef_search</c> set for every query: candidate list size while searching. Default 40 (pgvector's default).
    /// A query asking for more than this many results uses <c>top + skip</c> instead, because HNSW returns at most
    /// ef_search rows.
    /// </summary>
    public int EfSearch { get; init; } = 40;

    /// <summary>
    /// When <c>true</c> (the default), filtered searches set <c>hnsw.iterative_scan = strict_order</c> (pgvector ≥ 0.8),
    /// so a selective filter still returns <c>top</c> rows instead of whatever survived the first ef_search candidates.
    /// </summary>
    public bool IterativeScan { get; init; } = true;

    /// <summary>Records per upsert round trip (one binary COPY + one <c>INSERT … ON CONFLICT</c>). Default 1000.</summary>
    public int UpsertBatchSize { get; init; } = 1000;

    /// <summary>
    /// <c>maintenance_work_mem</c> for the session that builds an HNSW index in <see cref="PgVectorCollection{TKey,TRecord}.BulkLoadAsync"/>.
    /// Default <c>1GB</c>: pgvector builds much faster while the graph fits in it (1M × 128-d with m = 16 needs about 1 GB).
    /// </summary>
    public string IndexBuildMemory { get; init; } = "1GB";

    /// <summary>
    /// <c>max_parallel_maintenance_workers</c> for HNSW builds in bulk loads; <c>null</c> (the default) keeps the server's setting.
    /// </summary>
    public int? IndexBuildWorkers { get; init; }

    /// <summary>Clock for the timings <see cref="PgVectorCollection{TKey,TRecord}.BulkLoadAsync"/> reports. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
