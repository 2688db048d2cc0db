using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>The distance functions the exact scan supports, resolved once per collection.</summary>
internal enum ScoreMetric
{
    CosineSimilarity,
    CosineDistance,
    DotProductSimilarity,
    NegativeDotProductSimilarity,
    EuclideanDistance,
    EuclideanSquaredDistance,
}

internal static class ScoreMetrics
{
    public static ScoreMetric Parse(string? distanceFunction) => distanceFunction switch
    {
        null or DistanceFunction.CosineSimilarity => ScoreMetric.CosineSimilarity,
        DistanceFunction.CosineDistance => ScoreMetric.CosineDistance,
        DistanceFunction.DotProductSimilarity => ScoreMetric.DotProductSimilarity,
        DistanceFunction.NegativeDotProductSimilarity => ScoreMetric.NegativeDotProductSimilarity,
        DistanceFunction.EuclideanDistance => ScoreMetric.EuclideanDistance,
        DistanceFunction.EuclideanSquaredDistance => ScoreMetric.EuclideanSquaredDistance,
        _ => throw new NotSupportedException($"Distance function '{distanceFunction}' is not supported by the embedded vector store."),
    };

    /// <summary>Similarities rank descending, distances ascending.</summary>
    public static bool HigherIsBetter(this ScoreMetric metric) =>
        metric is ScoreMetric.CosineSimilarity or ScoreMetric.DotProductSimilarity;
}
