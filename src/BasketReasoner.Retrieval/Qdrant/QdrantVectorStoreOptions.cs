namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// Options for <see cref="QdrantVectorStore"/>: how new collections are laid out (HNSW, quantization, sharding,
/// replication, tenancy) and how queries and writes are sent. Ranges are checked by <see cref="Validate"/>, which the
/// store calls on construction.
/// </summary>
public sealed class QdrantVectorStoreOptions
{
    /// <summary>HNSW <c>m</c> for new collections: links per node. Default 16 (Qdrant's default). Range 4..128.</summary>
    public int HnswM { get; init; } = 16;

    /// <summary>HNSW <c>ef_construct</c> for new collections. Default 100 (Qdrant's default). Range 4..4096, and at least <see cref="HnswM"/>.</summary>
    public int HnswEfConstruct { get; init; } = 100;

    /// <summary>
    /// <c>params.hnsw_ef</c> sent with every query; <c>null</c> (the default) keeps Qdrant's own choice. A query for
    /// more than this many results sends <c>top + skip</c> instead, because the beam bounds what HNSW can return. Range 1..65536.
    /// </summary>
    public int? EfSearch { get; init; }

    /// <summary>Points per upsert request (each request waits until applied). Default 256. Range 1..10000.</summary>
    public int UpsertBatchSize { get; init; } = 256;

    /// <summary>
    /// Vector quantization of new collections. Default <see cref="QdrantQuantization.None"/>.
    /// <see cref="QdrantQuantization.ScalarInt8"/> keeps an int8 copy of every vector in RAM (4× smaller) and searches it,
    /// rescoring the oversampled candidates with the original vectors (<see cref="Rescore"/>, <see cref="Oversampling"/>).
    /// </summary>
    public QdrantQuantization Quantization { get; init; } = QdrantQuantization.None;

    /// <summary>Scalar quantization quantile: the share of values the int8 range covers (outliers are clipped). Default 0.99. Range 0.5..1.</summary>
    public double QuantizationQuantile { get; init; } = 0.99;

    /// <summary>Whether quantized searches rescore candidates with the original vectors. Default <c>true</c>; ignored without quantization.</summary>
    public bool Rescore { get; init; } = true;

    /// <summary>How many times <c>top</c> candidates a quantized search takes before rescoring. Default 2.0. Range 1..16; ignored without quantization.</summary>
    public double Oversampling { get; init; } = 2.0;

    /// <summary>
    /// Whether new collections keep the original float vectors on disk (memory-mapped) instead of in RAM. Default
    /// <c>false</c>. With <see cref="QdrantQuantization.ScalarInt8"/> only the int8 copy and the graph need RAM, and
    /// rescoring reads the originals of the oversampled candidates from disk (see deploy/qdrant/SIZING.md).
    /// </summary>
    public bool VectorsOnDisk { get; init; }

    /// <summary>Shards of a new collection; <c>null</c> (the default) keeps the server's default (one per node). Range 1..1024.</summary>
    public int? ShardNumber { get; init; }

    /// <summary>Copies of each shard in a cluster; <c>null</c> (the default) keeps the server's default (1). Range 1..16.</summary>
    public int? ReplicationFactor { get; init; }

    /// <summary>
    /// Replicas that must acknowledge a write before it succeeds; <c>null</c> (the default) keeps the server's default (1).
    /// Range 1..<see cref="ReplicationFactor"/>.
    /// </summary>
    public int? WriteConsistencyFactor { get; init; }

    /// <summary>
    /// Per-store multi-tenancy: every point written carries the tenant's value, every read and delete is confined to it,
    /// and new collections get a tenant payload index. Default <c>null</c>: one tenant per collection.
    /// </summary>
    public QdrantTenant? Tenant { get; init; }

    /// <summary>Deadline of every gRPC call made by <see cref="QdrantVectorStore.Connect"/>. Default 30 s. Range 1 ms..10 min.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option outside its range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(HnswM, 4, nameof(HnswM));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HnswM, 128, nameof(HnswM));
        ArgumentOutOfRangeException.ThrowIfLessThan(HnswEfConstruct, Math.Max(4, HnswM), nameof(HnswEfConstruct));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HnswEfConstruct, 4096, nameof(HnswEfConstruct));
        if (EfSearch is { } ef)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ef, 1, nameof(EfSearch));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(ef, 65536, nameof(EfSearch));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(UpsertBatchSize, 1, nameof(UpsertBatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(UpsertBatchSize, 10_000, nameof(UpsertBatchSize));
        if (!Enum.IsDefined(Quantization))
        {
            throw new ArgumentOutOfRangeException(nameof(Quantization), Quantization, "Unknown quantization.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(QuantizationQuantile, 0.5, nameof(QuantizationQuantile));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(QuantizationQuantile, 1.0, nameof(QuantizationQuantile));
        ArgumentOutOfRangeException.ThrowIfLessThan(Oversampling, 1.0, nameof(Oversampling));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Oversampling, 16.0, nameof(Oversampling));
        if (ShardNumber is { } shards)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1, nameof(ShardNumber));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(shards, 1024, nameof(ShardNumber));
        }

        if (ReplicationFactor is { } replicas)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1, nameof(ReplicationFactor));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, 16, nameof(ReplicationFactor));
        }

        if (WriteConsistencyFactor is { } writes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(writes, 1, nameof(WriteConsistencyFactor));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(writes, ReplicationFactor ?? 1, nameof(WriteConsistencyFactor));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RequestTimeout, TimeSpan.FromMilliseconds(1), nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RequestTimeout, TimeSpan.FromMinutes(10), nameof(RequestTimeout));
        Tenant?.Validate();
    }
}
