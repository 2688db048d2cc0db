namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>How graph traversal scores vectors.</summary>
public enum VectorQuantization
{
    /// <summary>Full float32 vectors everywhere (the default).</summary>
    None,

    /// <summary>
    /// Symmetric int8 scalar quantization with one global scale (clipped at a high quantile of |x|): 4× smaller
    /// traversal vectors and integer SIMD dot products for graph build and traversal; the best
    /// <c>k × RescoreOversampling</c> candidates are then re-scored with the float vectors.
    /// </summary>
    Int8,
}

/// <summary>Options of the HNSW index an embedded collection uses above <see cref="EmbeddedVectorStoreOptions.HnswThreshold"/>.</summary>
/// <remarks>
/// Defaults follow the HNSW paper and hnswlib's guidance for 100-to-1,000-dimensional embeddings at ≥ 0.95 recall@10.
/// Build cost is O(n·log n·EfConstruction·d), memory O(n·(d·4 + M·2·4)) bytes plus d bytes per row with int8.
/// </remarks>
public sealed class HnswOptions
{
    /// <summary>Links per node on upper layers (layer 0 keeps 2·M). Default 16; valid 4–64.</summary>
    public int M { get; init; } = 16;

    /// <summary>Size of the dynamic candidate list while inserting. Default 200; must be ≥ M.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>Size of the dynamic candidate list while searching (raised to k when k is larger). Default 64.</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>Traversal scoring. Default <see cref="VectorQuantization.None"/>.</summary>
    public VectorQuantization Quantization { get; init; } = VectorQuantization.None;

    /// <summary>
    /// With int8 quantization, how many candidates per requested result are re-scored in float32
    /// (the layer-0 candidate list is at least <c>k × RescoreOversampling</c>). Default 4; valid 1–64.
    /// </summary>
    public int RescoreOversampling { get; init; } = 4;

    /// <summary>
    /// Below this estimated fraction of rows passing a search filter, the collection scans exactly instead of walking
    /// the graph (a walk would visit most of the graph to find k matches). Default 0.02.
    /// </summary>
    public double ExactFilterSelectivity { get; init; } = 0.02;

    /// <summary>Seed for the random layer assignment, so builds are reproducible. Default 42.</summary>
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (M is < 4 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(M), M, "HNSW M must be between 4 and 64.");
        }

        if (EfConstruction < M)
        {
            throw new ArgumentOutOfRangeException(nameof(EfConstruction), EfConstruction, "EfConstruction must be at least M.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1, nameof(EfSearch));
        if (RescoreOversampling is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(RescoreOversampling), RescoreOversampling, "RescoreOversampling must be between 1 and 64.");
        }

        if (ExactFilterSelectivity is < 0 or > 1 || double.IsNaN(ExactFilterSelectivity))
        {
            throw new ArgumentOutOfRangeException(nameof(ExactFilterSelectivity), ExactFilterSelectivity, "ExactFilterSelectivity must be in [0, 1].");
        }
    }
}
