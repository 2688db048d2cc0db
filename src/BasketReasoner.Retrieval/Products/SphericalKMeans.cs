using System.Numerics.Tensors;

namespace BasketReasoner.Retrieval.Products;

/// <summary>
/// k-means on the unit sphere (assign by largest dot product, centroid = normalised member mean). Embeddings are
/// compared by cosine downstream, so clustering by cosine keeps the prototypes faithful to how they are used.
/// </summary>
internal static class SphericalKMeans
{
    /// <param name="points">Unit-norm points, all of one dimension.</param>
    public static List<float[]> Cluster(IReadOnlyList<float[]> points, int k, Random random, int maxIterations)
    {
        var dimensions = points[0].Length;
        var centroids = SeedPlusPlus(points, k, random);
        var assignment = new int[points.Count];
        Array.Fill(assignment, -1);
        var sums = new float[centroids.Count, dimensions];
        var members = new int[centroids.Count];

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < points.Count; i++)
            {
                var best = Nearest(points[i], centroids, out _);
                changed |= best != assignment[i];
                assignment[i] = best;
            }

            if (!changed)
            {
                break;
            }

            Array.Clear(sums);
            Array.Clear(members);
            for (var i = 0; i < points.Count; i++)
            {
                var c = assignment[i];
                members[c]++;
                for (var j = 0; j < dimensions; j++)
                {
                    sums[c, j] += points[i][j];
                }
            }

            for (var c = 0; c < centroids.Count; c++)
            {
                // An emptied cluster keeps its old centroid; it is dropped below if it never regains members.
                if (members[c] > 0)
                {
                    for (var j = 0; j < dimensions; j++)
                    {
                        centroids[c][j] = sums[c, j];
                    }

                    Vectors.NormalizeInPlace(centroids[c]);
                }
            }
        }

        var used = new bool[centroids.Count];
        foreach (var c in assignment)
        {
            used[c] = true;
        }

        return [.. centroids.Where((_, c) => used[c])];
    }

    // k-means++ with cosine distance: spread initial centroids so small k still covers distinct viewpoints.
    private static List<float[]> SeedPlusPlus(IReadOnlyList<float[]> points, int k, Random random)
    {
        var centroids = new List<float[]> { (float[])points[random.Next(points.Count)].Clone() };
        var weights = new double[points.Count];
        while (centroids.Count < k)
        {
            var total = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                Nearest(points[i], centroids, out var similarity);
                var distance = Math.Max(0.0, 1.0 - similarity);
                weights[i] = distance * distance;
                total += weights[i];
            }

            if (total <= 0.0)
            {
                break; // Every point coincides with a centroid: more clusters would be duplicates.
            }

            var target = random.NextDouble() * total;
            var pick = points.Count - 1;
            for (var i = 0; i < points.Count; i++)
            {
                target -= weights[i];
                if (target <= 0.0)
                {
                    pick = i;
                    break;
                }
            }

            centroids.Add((float[])points[pick].Clone());
        }

        return centroids;
    }

    private static int Nearest(float[] point, List<float[]> centroids, out float similarity)
    {
        var best = 0;
        similarity = float.NegativeInfinity;
        for (var c = 0; c < centroids.Count; c++)
        {
            var s = TensorPrimitives.Dot(point, centroids[c]);
            if (s > similarity)
            {
                similarity = s;
                best = c;
            }
        }

        return best;
    }
}
