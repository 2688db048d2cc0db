using System.Text.Json.Nodes;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>Vector and HNSW parameters for <c>PUT /collections/{name}</c>.</summary>
/// <param name="Size">Vector dimension.</param>
/// <param name="Distance">Qdrant distance name: <c>Cosine</c>, <c>Dot</c>, <c>Euclid</c> or <c>Manhattan</c>.</param>
/// <param name="HnswM">HNSW links per node (Qdrant's default is 16).</param>
/// <param name="HnswEfConstruct">HNSW build candidate list size (Qdrant's default is 100).</param>
public sealed record QdrantCollectionConfig(int Size, string Distance, int HnswM = 16, int HnswEfConstruct = 100);

/// <summary>A point to upsert: id (unsigned integer or UUID string), one unnamed dense vector, JSON payload.</summary>
public sealed record QdrantPoint(JsonNode Id, ReadOnlyMemory<float> Vector, JsonObject Payload);

/// <summary>A point returned by query, retrieve or scroll. <see cref="Score"/> is 0 where Qdrant sends none.</summary>
public sealed record QdrantScoredPoint(JsonNode Id, double Score, JsonObject? Payload, float[]? Vector);

/// <summary>A <c>POST /collections/{name}/points/query</c> request for a nearest-neighbour query.</summary>
public sealed record QdrantQuery(ReadOnlyMemory<float> Vector, int Limit)
{
    /// <summary>Qdrant filter JSON (<c>must</c>/<c>should</c>/<c>must_not</c>), or null for none.</summary>
    public JsonObject? Filter { get; init; }

    public int Offset { get; init; }

    public bool WithPayload { get; init; } = true;

    public bool WithVector { get; init; }

    public double? ScoreThreshold { get; init; }

    /// <summary><c>params.hnsw_ef</c>; null keeps the collection's default.</summary>
    public int? HnswEf { get; init; }
}

/// <summary>Qdrant's <c>SnapshotDescription</c>.</summary>
public sealed record QdrantSnapshot(string Name, long Size, string? CreationTime, string? Checksum);
