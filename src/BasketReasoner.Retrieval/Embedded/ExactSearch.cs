using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// Brute-force top-k over a table: one SIMD kernel call per row and a fixed-size heap, O(n·d) time and O(k) space
/// per query. The scorer is a struct type argument so the JIT specialises the loop per metric instead of switching
/// per row.
/// </summary>
internal static class ExactSearch
{
    /// <summary>Fills <paramref name="rows"/>/<paramref name="scores"/> with the best matches, best first; returns how many.</summary>
    /// <param name="rank">Scratch of the same length as <paramref name="rows"/>.</param>
    public static int TopK(
        VectorTable table,
        ReadOnlySpan<float> query,
        ScoreMetric metric,
        Func<object?[], bool>? predicate,
        double? scoreThreshold,
        Span<int> rows,
        Span<float> scores,
        Span<float> rank)
    {
        var queryNorm = TensorPrimitives.Norm(query);
        var queryInverseNorm = queryNorm > 0f ? 1f / queryNorm : 0f;

        // Rank is "higher is better" for every metric, so one heap serves all; the threshold moves to rank space too.
        var minRank = scoreThreshold is double t ? ToRank(metric, (float)t) : float.NegativeInfinity;
        var heap = new TopKHeap(rank, rows);
        switch (metric)
        {
            case ScoreMetric.CosineSimilarity:
            case ScoreMetric.CosineDistance:
                Scan(table, query, new CosineScorer(queryInverseNorm), predicate, minRank, ref heap);
                break;
            case ScoreMetric.DotProductSimilarity:
            case ScoreMetric.NegativeDotProductSimilarity:
                Scan(table, query, new DotScorer(), predicate, minRank, ref heap);
                break;
            default:
                Scan(table, query, new EuclideanScorer(metric == ScoreMetric.EuclideanSquaredDistance), predicate, minRank, ref heap);
                break;
        }

        var found = heap.SortDescending();
        for (var i = 0; i < found; i++)
        {
            scores[i] = ToScore(metric, rank[i]);
        }

        return found;
    }

    /// <summary>Converts a rank back into the metric's own units (distance functions rank by negated distance).</summary>
    public static float ToScore(ScoreMetric metric, float rank) => metric switch
    {
        ScoreMetric.CosineSimilarity or ScoreMetric.DotProductSimilarity => rank,
        ScoreMetric.CosineDistance => 1f - rank,
        _ => -rank,
    };

    public static float ToRank(ScoreMetric metric, float score) => metric switch
    {
        ScoreMetric.CosineSimilarity or ScoreMetric.DotProductSimilarity => score,
        ScoreMetric.CosineDistance => 1f - score,
        _ => -score,
    };

    /// <summary>The exact rank ("higher is better") of one row, as the scan would compute it.</summary>
    public static float RankRow(VectorTable table, ReadOnlySpan<float> query, float queryInverseNorm, ScoreMetric metric, int row) => metric switch
    {
        ScoreMetric.CosineSimilarity or ScoreMetric.CosineDistance =>
            new CosineScorer(queryInverseNorm).Rank(query, table.Row(row), table.InverseNorms[row]),
        ScoreMetric.DotProductSimilarity or ScoreMetric.NegativeDotProductSimilarity => new DotScorer().Rank(query, table.Row(row), 0f),
        _ => new EuclideanScorer(metric == ScoreMetric.EuclideanSquaredDistance).Rank(query, table.Row(row), 0f),
    };

    private static void Scan<TScorer>(
        VectorTable table, ReadOnlySpan<float> query, TScorer scorer, Func<object?[], bool>? predicate, float minRank, ref TopKHeap heap)
        where TScorer : struct, IRowScorer
    {
        var dimensions = table.Dimensions;
        var vectors = table.Vectors;
        var inverseNorms = table.InverseNorms;
        var count = table.Count;
        for (var row = 0; row < count; row++)
        {
            if (predicate is not null && !predicate(table.Payload(row)))
            {
                continue;
            }

            var rank = scorer.Rank(query, vectors.Slice(row * dimensions, dimensions), inverseNorms[row]);
            if (rank >= minRank)
            {
                heap.Offer(rank, row);
            }
        }
    }

    private interface IRowScorer
    {
        float Rank(ReadOnlySpan<float> query, ReadOnlySpan<float> row, float rowInverseNorm);
    }

    /// <summary>Cosine via a single dot product and precomputed inverse norms; CosineDistance ranks identically.</summary>
    private readonly struct CosineScorer(float queryInverseNorm) : IRowScorer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Rank(ReadOnlySpan<float> query, ReadOnlySpan<float> row, float rowInverseNorm) =>
            TensorPrimitives.Dot(query, row) * rowInverseNorm * queryInverseNorm;
    }

    private readonly struct DotScorer : IRowScorer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Rank(ReadOnlySpan<float> query, ReadOnlySpan<float> row, float rowInverseNorm) =>
            TensorPrimitives.Dot(query, row);
    }

    private readonly struct EuclideanScorer(bool squared) : IRowScorer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Rank(ReadOnlySpan<float> query, ReadOnlySpan<float> row, float rowInverseNorm)
        {
            var distance = TensorPrimitives.Distance(query, row);
            return squared ? -(distance * distance) : -distance;
        }
    }
}
