using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// A product with the two embeddings a store keeps per item: the recognizer's image embedding (cosine) and a text
/// embedding of its name (dot product, as the assistant's text embedder normalises), under numeric ids.
/// </summary>
public sealed class ShelfProduct
{
    [VectorStoreKey]
    public ulong Id { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string ProductId { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public int ClassIndex { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public double UnitWeightGrams { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public bool Packaged { get; set; }

    [VectorStoreData]
    public string? Brand { get; set; }

    [VectorStoreVector(8, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public float[] ImageEmbedding { get; set; } = [];

    [VectorStoreVector(4, DistanceFunction = DistanceFunction.DotProductSimilarity)]
    public float[] TextEmbedding { get; set; } = [];

    /// <summary>
    /// <paramref name="count"/> products: ids 1.., class index i % 5, weight 100 + 25·i, every other one packaged, brand
    /// null for every fourth, random image embeddings, and text embedding e_(i % 4) so text queries have known answers.
    /// </summary>
    public static List<ShelfProduct> Create(int count, int seed = 3)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new ShelfProduct
        {
            Id = (ulong)i + 1,
            ProductId = $"p-{i}",
            ClassIndex = i % 5,
            UnitWeightGrams = 100 + (25 * i),
            Packaged = i % 2 == 0,
            Brand = i % 4 == 3 ? null : $"brand-{i % 3}",
            ImageEmbedding = Conformance.Grocery.UnitVector(random, 8),
            TextEmbedding = [.. Enumerable.Range(0, 4).Select(d => d == i % 4 ? 1f : 0f)],
        })];
    }
}
