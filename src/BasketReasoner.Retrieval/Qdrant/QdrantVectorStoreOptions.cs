namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>Options for <see cref="QdrantVectorStore"/>.</summary>
public sealed class QdrantVectorStoreOptions
{
    /// <summary>HNSW <c>m</c> for new collections. Default 16 (Qdrant's default).</summary>
    public int HnswM { get; init; } = 16;

    /// <summary>HNSW <c>ef_construct</c> for new collections. Default 100 (Qdrant's default).</summary>
    public int HnswEfConstruct { get; init; } = 100;

    /// <summary>
    /// <c>params.hnsw_ef</c> sent with every query; <c>null</c> (the default) keeps Qdrant's own choice. A query for
    /// more than this many results sends <c>top + skip</c> instead.
    /// </summary>
    public int? EfSearch { get; init; }

    /// <summary>Points per upsert request. Default 256.</summary>
    public int UpsertBatchSize { get; init; } = 256;
}
