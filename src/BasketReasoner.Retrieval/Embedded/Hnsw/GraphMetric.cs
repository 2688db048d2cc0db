namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>How the graph compares prepared vectors; both are "higher is better".</summary>
internal enum GraphMetric
{
    /// <summary>Inner product (cosine when vectors are normalised on the way in).</summary>
    Dot,

    /// <summary>Negated squared Euclidean distance.</summary>
    NegativeSquaredL2,
}
