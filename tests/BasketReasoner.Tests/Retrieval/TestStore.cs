using BasketReasoner.Retrieval.Embedded;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Tests.Retrieval;

/// <summary>A temp folder for one test's store; deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "br-retrieval-" + Guid.NewGuid().ToString("N"));

    public EmbeddedVectorStore OpenStore() => new(new EmbeddedVectorStoreOptions { Directory = Path, FlushToDisk = false });

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

public sealed class Item
{
    public string Id { get; set; } = "";

    public string Category { get; set; } = "";

    public double Weight { get; set; }

    public float[] Embedding { get; set; } = [];

    public static VectorStoreCollectionDefinition Definition(int dimensions, string distanceFunction = DistanceFunction.CosineSimilarity) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Category), typeof(string)),
            new VectorStoreDataProperty(nameof(Weight), typeof(double)),
            new VectorStoreVectorProperty(nameof(Embedding), typeof(float[]), dimensions) { DistanceFunction = distanceFunction },
        ],
    };
}

internal static class RandomData
{
    public static float[] Vector(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return v;
    }

    public static List<Item> Items(Random random, int count, int dimensions)
    {
        string[] categories = ["Milk", "Apple", "Juice"];
        return [.. Enumerable.Range(0, count).Select(i => new Item
        {
            Id = $"item-{i}",
            Category = categories[i % categories.Length],
            Weight = 50 + (i * 10),
            Embedding = Vector(random, dimensions),
        })];
    }
}
