namespace BasketReasoner.Retrieval.Products;

/// <summary>
/// Turns labelled train-image embeddings into a few unit-norm prototypes per class: the normalised class mean plus
/// up to k spherical k-means centroids. Storing prototypes instead of every image keeps the index small while a
/// max over centroids still captures distinct viewpoints (front, side, bag) that a single mean would blur.
/// </summary>
public static class PrototypeBuilder
{
    /// <summary>Builds prototypes for every class present in <paramref name="labels"/>, ordered by class index.</summary>
    /// <param name="embeddings">One embedding per image, all the same dimension; need not be normalised.</param>
    /// <param name="labels">Class index per image, aligned with <paramref name="embeddings"/>.</param>
    /// <remarks>O(iterations · n · k · d). Deterministic: each class is seeded from <see cref="PrototypeBuilderOptions.Seed"/> and its class index.</remarks>
    public static IReadOnlyList<ClassPrototypes> Build(float[][] embeddings, int[] labels, PrototypeBuilderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new PrototypeBuilderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PrototypesPerClass, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIterations, 1, nameof(options));
        if (embeddings.Length != labels.Length)
        {
            throw new ArgumentException($"{embeddings.Length} embeddings but {labels.Length} labels.", nameof(labels));
        }

        if (embeddings.Length == 0)
        {
            return [];
        }

        var dimensions = embeddings[0].Length;
        var byClass = new SortedDictionary<int, List<float[]>>();
        for (var i = 0; i < embeddings.Length; i++)
        {
            if (embeddings[i] is null || embeddings[i].Length != dimensions)
            {
                throw new ArgumentException($"Embedding {i} does not have {dimensions} dimensions.", nameof(embeddings));
            }

            if (!byClass.TryGetValue(labels[i], out var list))
            {
                byClass[labels[i]] = list = [];
            }

            // Normalise first so every image weighs the same in the mean and in clustering.
            list.Add(Vectors.Normalized(embeddings[i]));
        }

        var result = new List<ClassPrototypes>(byClass.Count);
        foreach (var (classIndex, points) in byClass)
        {
            var mean = new float[dimensions];
            foreach (var p in points)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(mean, p, mean);
            }

            Vectors.NormalizeInPlace(mean);
            var centroids = points.Count <= options.PrototypesPerClass
                ? points
                : SphericalKMeans.Cluster(points, options.PrototypesPerClass, new Random(ClassSeed(options.Seed, classIndex)), options.MaxIterations);
            result.Add(new ClassPrototypes(classIndex, mean, centroids));
        }

        return result;
    }

    // Not HashCode.Combine: it is randomised per process, which would break run-to-run determinism.
    private static int ClassSeed(int seed, int classIndex) => unchecked((seed * 486187739) + classIndex);
}
