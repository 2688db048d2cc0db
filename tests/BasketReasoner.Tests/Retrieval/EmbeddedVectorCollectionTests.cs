using System.Numerics.Tensors;
using BasketReasoner.Retrieval.Embedded;
using FsCheck.Xunit;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Tests.Retrieval;

public sealed class EmbeddedVectorCollectionTests : IDisposable
{
    private const int Dimensions = 24;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(DistanceFunction.CosineSimilarity, 1)]
    [InlineData(DistanceFunction.CosineDistance, 2)]
    [InlineData(DistanceFunction.DotProductSimilarity, 3)]
    [InlineData(DistanceFunction.NegativeDotProductSimilarity, 4)]
    [InlineData(DistanceFunction.EuclideanDistance, 5)]
    [InlineData(DistanceFunction.EuclideanSquaredDistance, 6)]
    public async Task SearchAsync_RandomData_MatchesBruteForceRanking(string distanceFunction, int seed)
    {
        var random = new Random(seed);
        using var store = _dir.OpenStore();
        var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions, distanceFunction));
        await collection.EnsureCollectionExistsAsync();
        var items = RandomData.Items(random, 300, Dimensions);
        await collection.UpsertAsync(items);
        var query = RandomData.Vector(random, Dimensions);

        var results = await collection.SearchAsync(query, 10).ToListAsync();

        var expected = items
            .Select(i => (i.Id, Score: BruteForceScore(distanceFunction, query, i.Embedding)))
            .OrderBy(x => IsSimilarity(distanceFunction) ? -x.Score : x.Score)
            .Take(10)
            .ToList();
        Assert.Equal(expected.Select(x => x.Id), results.Select(r => r.Record.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, results[i].Score!.Value, 3);
        }
    }

    [Property(MaxTest = 50)]
    public bool TopK_AnyData_EqualsSortedBruteForce(int seed, byte rowCount, byte kSeed)
    {
        var random = new Random(seed);
        var rows = rowCount % 60;
        var k = 1 + (kSeed % 12);
        var path = Path.Combine(_dir.Path, "unused.evc");
        using var table = new VectorTable("t", path, new TableSchema(8, [new TableColumn("Id", typeof(string))]), flushToDisk: false);
        var vectors = new List<float[]>();
        for (var i = 0; i < rows; i++)
        {
            vectors.Add(RandomData.Vector(random, 8));
            table.Upsert([$"r{i}"], vectors[i]);
        }

        var query = RandomData.Vector(random, 8);
        var outRows = new int[k];
        var scores = new float[k];
        var found = ExactSearch.TopK(table, query, ScoreMetric.DotProductSimilarity, null, null, outRows, scores, new float[k]);

        var expected = vectors.Select(v => TensorPrimitives.Dot(query, v)).OrderDescending().Take(k).ToArray();
        return found == expected.Length && expected.Zip(scores).All(p => p.First == p.Second);
    }

    [Fact]
    public async Task SearchAsync_CategoryFilter_ReturnsOnlyThatCategory()
    {
        var collection = await SeededAsync(90);

        var results = await collection.SearchAsync(new float[Dimensions].Select((_, i) => i == 0 ? 1f : 0f).ToArray(), 100,
            new VectorSearchOptions<Item> { Filter = r => r.Category == "Milk" }).ToListAsync();

        Assert.Equal(30, results.Count);
        Assert.All(results, r => Assert.Equal("Milk", r.Record.Category));
    }

    [Fact]
    public async Task SearchAsync_WeightRangeFilterWithCapturedBounds_ReturnsOnlyRowsInRange()
    {
        var collection = await SeededAsync(90);
        double min = 200, max = 400;

        var results = await collection.SearchAsync(RandomData.Vector(new Random(9), Dimensions), 100,
            new VectorSearchOptions<Item> { Filter = r => r.Weight >= min && r.Weight <= max && r.Category != "Juice" }).ToListAsync();

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.InRange(r.Record.Weight, min, max));
        Assert.Equal(14, results.Count); // weights 200..400 step 10 => 21 rows, minus the 7 Juice rows
    }

    [Fact]
    public async Task GetAsync_FilterWithOrderAndTop_ReturnsOrderedPage()
    {
        var collection = await SeededAsync(30);

        var page = await collection.GetAsync(r => r.Category == "Apple", 3,
            new FilteredRecordRetrievalOptions<Item> { OrderBy = o => o.Descending(r => r.Weight), Skip = 1 }).ToListAsync();

        Assert.Equal([300d, 270d, 240d], page.Select(r => r.Weight));
    }

    [Fact]
    public async Task UpsertAsync_ExistingKey_OverwritesPayloadAndVector()
    {
        var collection = await SeededAsync(10);
        var replacement = new Item { Id = "item-3", Category = "Bread", Weight = 1, Embedding = Enumerable.Repeat(1f, Dimensions).ToArray() };

        await collection.UpsertAsync(replacement);

        var stored = await collection.GetAsync("item-3", new RecordRetrievalOptions { IncludeVectors = true });
        Assert.Equal("Bread", stored!.Category);
        Assert.Equal(replacement.Embedding, stored.Embedding);
        var top = await collection.SearchAsync(replacement.Embedding, 1).SingleAsync();
        Assert.Equal("item-3", top.Record.Id);
        Assert.Equal(10, (await collection.GetAsync(_ => true, 100).ToListAsync()).Count);
    }

    [Fact]
    public async Task DeleteAsync_Keys_RemovesThemFromGetAndSearch()
    {
        var collection = await SeededAsync(10);

        await collection.DeleteAsync(["item-0", "item-5", "missing"]);

        Assert.Null(await collection.GetAsync("item-0"));
        Assert.Null(await collection.GetAsync("item-5"));
        Assert.NotNull(await collection.GetAsync("item-9")); // the swapped-in last row is still addressable
        var all = await collection.SearchAsync(RandomData.Vector(new Random(1), Dimensions), 100).ToListAsync();
        Assert.Equal(8, all.Count);
        Assert.DoesNotContain(all, r => r.Record.Id is "item-0" or "item-5");
    }

    [Fact]
    public async Task SearchAsync_WrongDimension_Throws()
    {
        var collection = await SeededAsync(3);

        Assert.Throws<ArgumentException>(() => collection.SearchAsync(new float[Dimensions + 1], 1));
    }

    [Fact]
    public async Task UpsertAsync_MissingCollection_ThrowsVectorStoreException()
    {
        using var store = _dir.OpenStore();
        var collection = store.GetCollection<string, Item>("never", Item.Definition(Dimensions));

        await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(RandomData.Items(new Random(1), 1, Dimensions)));
    }

    private async Task<EmbeddedVectorCollection<string, Item>> SeededAsync(int count)
    {
        var store = _dir.OpenStore(); // Owned by the temp folder's lifetime; tables hold no OS handles.
        var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(RandomData.Items(new Random(42), count, Dimensions));
        return collection;
    }

    private static bool IsSimilarity(string f) => f is DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity;

    private static float BruteForceScore(string f, float[] q, float[] v) => f switch
    {
        DistanceFunction.CosineSimilarity => TensorPrimitives.CosineSimilarity(q, v),
        DistanceFunction.CosineDistance => 1 - TensorPrimitives.CosineSimilarity(q, v),
        DistanceFunction.DotProductSimilarity => TensorPrimitives.Dot(q, v),
        DistanceFunction.NegativeDotProductSimilarity => -TensorPrimitives.Dot(q, v),
        DistanceFunction.EuclideanDistance => TensorPrimitives.Distance(q, v),
        _ => MathF.Pow(TensorPrimitives.Distance(q, v), 2),
    };
}
