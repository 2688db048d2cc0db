using System.Numerics.Tensors;
using BasketReasoner.Retrieval.Products;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Tests.Retrieval;

public sealed class ProductPrototypeIndexTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ScoreProducts_SeveralPrototypesPerProduct_ReturnsMaxCosinePerProduct()
    {
        using var store = _dir.OpenStore();
        var index = await ProductPrototypeIndex.OpenAsync(store, Dimensions);
        var random = new Random(11);
        var records = new List<ProductVectorRecord>();
        for (var product = 0; product < 5; product++)
        {
            for (var p = 0; p < 1 + product; p++)
            {
                records.Add(Record(product, p, Unit(RandomData.Vector(random, Dimensions))));
            }
        }

        await index.Collection.UpsertAsync(records);
        var query = Unit(RandomData.Vector(random, Dimensions));
        var scores = new float[7]; // classes 5 and 6 have no prototypes

        index.ScoreProducts(query, scores);

        for (var product = 0; product < 5; product++)
        {
            var expected = records.Where(r => r.ClassIndex == product).Max(r => TensorPrimitives.CosineSimilarity(query, r.Vector));
            Assert.Equal(expected, scores[product], 5);
        }

        Assert.Equal(-1f, scores[5]);
        Assert.Equal(-1f, scores[6]);
    }

    [Fact]
    public async Task ScoreProducts_AfterUpsertAndDelete_ReflectsTheChange()
    {
        using var store = _dir.OpenStore();
        var index = await ProductPrototypeIndex.OpenAsync(store, Dimensions);
        var query = Unit(RandomData.Vector(new Random(12), Dimensions));
        var scores = new float[2];
        await index.Collection.UpsertAsync(Record(0, 0, Unit(RandomData.Vector(new Random(13), Dimensions))));
        index.ScoreProducts(query, scores);
        Assert.Equal(-1f, scores[1]);

        await index.Collection.UpsertAsync(Record(1, 0, query));
        index.ScoreProducts(query, scores);
        Assert.Equal(1f, scores[1], 5);

        await index.Collection.DeleteAsync(ProductVectorRecord.KeyFor("p1", ProductVectorKind.Prototype, 0));
        index.ScoreProducts(query, scores);
        Assert.Equal(-1f, scores[1]);
    }

    [Fact]
    public async Task ScoreProducts_SteadyState_AllocatesNothing()
    {
        using var store = _dir.OpenStore();
        var index = await ProductPrototypeIndex.OpenAsync(store, Dimensions);
        var random = new Random(14);
        await index.Collection.UpsertAsync(Enumerable.Range(0, 200).Select(i => Record(i % 20, i / 20, Unit(RandomData.Vector(random, Dimensions)))));
        var query = Unit(RandomData.Vector(random, Dimensions));
        var scores = new float[20];
        index.ScoreProducts(query, scores); // first call builds the row→class map

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            index.ScoreProducts(query, scores);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task ScoreProducts_ClassIndexBeyondSpan_Throws()
    {
        using var store = _dir.OpenStore();
        var index = await ProductPrototypeIndex.OpenAsync(store, Dimensions);
        await index.Collection.UpsertAsync(Record(3, 0, Unit(RandomData.Vector(new Random(15), Dimensions))));

        Assert.Throws<ArgumentException>(() => index.ScoreProducts(new float[Dimensions], new float[2]));
    }

    [Fact]
    public async Task Collection_WeightAndCategoryFilter_SelectsMatchingPrototypes()
    {
        using var store = _dir.OpenStore();
        var index = await ProductPrototypeIndex.OpenAsync(store, Dimensions);
        var random = new Random(16);
        await index.Collection.UpsertAsync(Enumerable.Range(0, 12).Select(i => Record(i, 0, Unit(RandomData.Vector(random, Dimensions)))));

        var hits = await index.Collection.SearchAsync(Unit(RandomData.Vector(random, Dimensions)), 12, new VectorSearchOptions<ProductVectorRecord>
        {
            Filter = r => r.CoarseCategory == "Milk" && r.UnitWeightGrams >= 1000 && r.UnitWeightGrams < 1100,
        }).ToListAsync();

        Assert.Equal([0, 2, 4], hits.Select(h => h.Record.ClassIndex).Order());
    }

    private static ProductVectorRecord Record(int classIndex, int ordinal, float[] vector) => new()
    {
        Key = ProductVectorRecord.KeyFor($"p{classIndex}", ProductVectorKind.Prototype, ordinal),
        ProductId = $"p{classIndex}",
        ClassIndex = classIndex,
        Kind = ProductVectorKind.Prototype,
        CoarseCategory = classIndex % 2 == 0 ? "Milk" : "Apple",
        TopCategory = classIndex % 2 == 0 ? "Packages" : "Fruit",
        UnitWeightGrams = 1000 + (classIndex * 20),
        Vector = vector,
    };

    private static float[] Unit(float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
