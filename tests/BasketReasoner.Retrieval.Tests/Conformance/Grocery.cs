using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>The record every backend is tested with: the payload shape the product filters on.</summary>
public sealed class Grocery
{
    public string Id { get; set; } = "";

    public string Category { get; set; } = "";

    public string Brand { get; set; } = "";

    public double Weight { get; set; }

    public bool Organic { get; set; }

    public float[] Vector { get; set; } = [];

    public static VectorStoreCollectionDefinition Definition(int dimensions, string indexKind = IndexKind.Hnsw) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Category), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Brand), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Weight), typeof(double)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Organic), typeof(bool)) { IsIndexed = true },
            new VectorStoreVectorProperty(nameof(Vector), typeof(float[]), dimensions)
            {
                DistanceFunction = DistanceFunction.CosineSimilarity,
                IndexKind = indexKind,
            },
        ],
    };

    /// <summary>
    /// <paramref name="count"/> records with unit-norm random vectors (a backend may normalise cosine vectors on write,
    /// so unit vectors read back unchanged everywhere). Category cycles Milk/Apple/Juice, brand cycles A/B/C/D, weight is
    /// 50 + 10·i, every third record is organic.
    /// </summary>
    public static List<Grocery> Create(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        string[] categories = ["Milk", "Apple", "Juice"];
        string[] brands = ["Arla", "Bio", "Coop", "Dole"];
        return [.. Enumerable.Range(0, count).Select(i => new Grocery
        {
            Id = $"g-{i}",
            Category = categories[i % categories.Length],
            Brand = brands[i % brands.Length],
            Weight = 50 + (i * 10),
            Organic = i % 3 == 0,
            Vector = UnitVector(random, dimensions),
        })];
    }

    public static float[] UnitVector(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }
}
