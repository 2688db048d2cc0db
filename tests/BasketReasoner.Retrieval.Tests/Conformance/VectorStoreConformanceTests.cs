using System.Numerics.Tensors;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>
/// One behavioural contract for every backend, through the Microsoft.Extensions.VectorData abstractions only:
/// collection lifecycle, batched upsert, get, overwrite, delete, cosine top-k order and scores, payload filters,
/// empty collections and dimension checks. Concrete classes: <see cref="EmbeddedConformanceTests"/>,
/// <see cref="PgVectorConformanceTests"/> (live server from scripts/setup-postgres.sh),
/// <see cref="QdrantFakeConformanceTests"/> (the fake Qdrant gRPC server) and <see cref="QdrantLiveConformanceTests"/> (only when
/// QDRANT_GRPC_URL is set).
/// </summary>
public abstract class VectorStoreConformanceTests : IAsyncLifetime
{
    protected const int Dimensions = 16;
    private const int Count = 120;

    private VectorStore? _store;

    /// <summary>A fresh collection name per test, so backends' tests never see each other's rows.</summary>
    protected string CollectionName { get; } = "conf_" + Guid.NewGuid().ToString("N")[..12];

    protected VectorStore Store => _store ?? throw new InvalidOperationException("Store not opened.");

    /// <summary>Opens the backend's store (a failure to connect fails the test: a backend that should run here must run).</summary>
    protected abstract Task<VectorStore> OpenStoreAsync();

    public async Task InitializeAsync()
    {
        if (!IsSkipped())
        {
            _store = await OpenStoreAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            try
            {
                await _store.EnsureCollectionDeletedAsync(CollectionName);
            }
            finally
            {
                _store.Dispose();
            }
        }
    }

    [ConformanceFact]
    public async Task EnsureCollectionExistsAsync_CalledTwice_CollectionExistsOnce()
    {
        var collection = Collection();
        Assert.False(await collection.CollectionExistsAsync());

        await collection.EnsureCollectionExistsAsync();
        await collection.EnsureCollectionExistsAsync();

        Assert.True(await collection.CollectionExistsAsync());
        Assert.True(await Store.CollectionExistsAsync(CollectionName));
        Assert.Contains(CollectionName, await Store.ListCollectionNamesAsync().ToListAsync());
    }

    [ConformanceFact]
    public async Task EnsureCollectionDeletedAsync_ExistingCollection_RemovesIt()
    {
        var collection = await SeededAsync(10);

        await collection.EnsureCollectionDeletedAsync();

        Assert.False(await collection.CollectionExistsAsync());
        Assert.False(await Store.CollectionExistsAsync(CollectionName));
    }

    [ConformanceFact]
    public async Task UpsertAsync_Batch_EveryRecordReadsBackWithPayloadAndVector()
    {
        var items = Grocery.Create(Count, Dimensions, seed: 1);
        var collection = await SeededAsync(items);

        var read = await collection.GetAsync(items.Select(i => i.Id), new RecordRetrievalOptions { IncludeVectors = true }).ToListAsync();

        Assert.Equal(Count, read.Count);
        foreach (var expected in items)
        {
            var actual = Assert.Single(read, r => r.Id == expected.Id);
            Assert.Equal((expected.Category, expected.Brand, expected.Weight, expected.Organic), (actual.Category, actual.Brand, actual.Weight, actual.Organic));
            AssertVector(expected.Vector, actual.Vector);
        }
    }

    [ConformanceFact]
    public async Task GetAsync_WithoutIncludeVectors_ReturnsPayloadOnly()
    {
        var collection = await SeededAsync(5);

        var record = await collection.GetAsync("g-2");

        Assert.NotNull(record);
        Assert.Equal(("Juice", "Coop", 70d, false), (record.Category, record.Brand, record.Weight, record.Organic));
        Assert.Empty(record.Vector);
        Assert.Null(await collection.GetAsync("missing"));
    }

    [ConformanceFact]
    public async Task UpsertAsync_ExistingKey_OverwritesPayloadAndVector()
    {
        var collection = await SeededAsync(20);
        var replacement = new Grocery { Id = "g-3", Category = "Bread", Brand = "Zeta", Weight = 1, Organic = true, Vector = Grocery.UnitVector(new Random(99), Dimensions) };

        await collection.UpsertAsync(replacement);

        var stored = await collection.GetAsync("g-3", new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(stored);
        Assert.Equal(("Bread", "Zeta", 1d, true), (stored.Category, stored.Brand, stored.Weight, stored.Organic));
        AssertVector(replacement.Vector, stored.Vector);
        var top = await collection.SearchAsync(replacement.Vector, 1).SingleAsync();
        Assert.Equal("g-3", top.Record.Id);
        Assert.Equal(20, (await collection.GetAsync(_ => true, 100).ToListAsync()).Count);
    }

    [ConformanceFact]
    public async Task UpsertAsync_SameKeyTwiceInOneBatch_LastWins()
    {
        var collection = await SeededAsync(0);
        var items = Grocery.Create(40, Dimensions, seed: 3);
        items.Add(new Grocery { Id = "g-5", Category = "Late", Brand = "Zeta", Weight = 2, Vector = items[5].Vector });

        await collection.UpsertAsync(items);

        Assert.Equal("Late", (await collection.GetAsync("g-5"))!.Category);
        Assert.Equal(40, (await collection.GetAsync(_ => true, 100).ToListAsync()).Count);
    }

    [ConformanceFact]
    public async Task DeleteAsync_Keys_RemovesThemFromGetAndSearch()
    {
        var collection = await SeededAsync(10);

        await collection.DeleteAsync(["g-0", "g-5", "missing"]);
        await collection.DeleteAsync("g-7");

        Assert.Null(await collection.GetAsync("g-0"));
        Assert.Null(await collection.GetAsync("g-5"));
        Assert.NotNull(await collection.GetAsync("g-9"));
        var all = await collection.SearchAsync(Grocery.UnitVector(new Random(1), Dimensions), 100).ToListAsync();
        Assert.Equal(7, all.Count);
        Assert.DoesNotContain(all, r => r.Record.Id is "g-0" or "g-5" or "g-7");
    }

    [ConformanceFact]
    public async Task SearchAsync_Cosine_ReturnsBruteForceTopKOrderAndScores()
    {
        var items = Grocery.Create(Count, Dimensions, seed: 4);
        var collection = await SeededAsync(items);
        var query = Grocery.UnitVector(new Random(5), Dimensions);

        var results = await collection.SearchAsync(query, 10).ToListAsync();

        var expected = items.Select(i => (i.Id, Score: TensorPrimitives.CosineSimilarity(query, i.Vector)))
            .OrderByDescending(x => x.Score).Take(10).ToList();
        Assert.Equal(expected.Select(x => x.Id), results.Select(r => r.Record.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, results[i].Score!.Value, 4);
        }
    }

    [ConformanceFact]
    public async Task SearchAsync_Skip_ReturnsTheNextPage()
    {
        var collection = await SeededAsync(Count);
        var query = Grocery.UnitVector(new Random(6), Dimensions);

        var first = await collection.SearchAsync(query, 8).ToListAsync();
        var second = await collection.SearchAsync(query, 4, new VectorSearchOptions<Grocery> { Skip = 4 }).ToListAsync();

        Assert.Equal(first.Skip(4).Select(r => r.Record.Id), second.Select(r => r.Record.Id));
    }

    [ConformanceFact]
    public async Task SearchAsync_CategoryEquality_ReturnsOnlyThatCategory()
    {
        var collection = await SeededAsync(Count);

        var results = await Search(collection, r => r.Category == "Milk");

        Assert.Equal(Count / 3, results.Count);
        Assert.All(results, r => Assert.Equal("Milk", r.Category));
    }

    [ConformanceFact]
    public async Task SearchAsync_BrandAndWeightRangeWithCapturedBounds_ReturnsOnlyMatches()
    {
        var collection = await SeededAsync(Count);
        double min = 200, max = 600;
        var brand = "Bio";

        var results = await Search(collection, r => r.Brand == brand && r.Weight >= min && r.Weight < max);

        var expected = Grocery.Create(Count, Dimensions, seed: 42).Where(g => g.Brand == brand && g.Weight >= min && g.Weight < max).Select(g => g.Id).Order();
        Assert.Equal(expected, results.Select(r => r.Id).Order());
        Assert.NotEmpty(results);
    }

    [ConformanceFact]
    public async Task SearchAsync_BooleanAttribute_MatchesBareAndNegatedForms()
    {
        var collection = await SeededAsync(Count);

        var organic = await Search(collection, r => r.Organic);
        var notOrganic = await Search(collection, r => !r.Organic);
        var explicitFalse = await Search(collection, r => r.Organic == false);

        Assert.Equal(Count / 3, organic.Count);
        Assert.All(organic, r => Assert.True(r.Organic));
        Assert.Equal(Count - (Count / 3), notOrganic.Count);
        Assert.Equal(notOrganic.Select(r => r.Id).Order(), explicitFalse.Select(r => r.Id).Order());
    }

    [ConformanceFact]
    public async Task SearchAsync_OrOfAndTerms_ReturnsTheUnion()
    {
        var collection = await SeededAsync(Count);

        var results = await Search(collection, r => (r.Category == "Apple" && r.Weight > 1000) || r.Brand == "Dole");

        var expected = Grocery.Create(Count, Dimensions, seed: 42)
            .Where(g => (g.Category == "Apple" && g.Weight > 1000) || g.Brand == "Dole").Select(g => g.Id).Order();
        Assert.Equal(expected, results.Select(r => r.Id).Order());
    }

    [ConformanceFact]
    public async Task SearchAsync_NotEqualAndContains_ReturnsOnlyMatches()
    {
        var collection = await SeededAsync(Count);
        string[] brands = ["Arla", "Coop"];

        var results = await Search(collection, r => r.Category != "Juice" && brands.Contains(r.Brand));

        var expected = Grocery.Create(Count, Dimensions, seed: 42)
            .Where(g => g.Category != "Juice" && brands.Contains(g.Brand)).Select(g => g.Id).Order();
        Assert.Equal(expected, results.Select(r => r.Id).Order());
    }

    [ConformanceFact]
    public async Task SearchAsync_FilterMatchingNothing_ReturnsEmpty()
    {
        var collection = await SeededAsync(30);

        Assert.Empty(await Search(collection, r => r.Category == "O'Brien\"; DROP TABLE x; --"));
        Assert.Equal(30, (await collection.GetAsync(_ => true, 100).ToListAsync()).Count);
    }

    [ConformanceFact]
    public async Task GetAsync_Filter_ReturnsMatchingRecordsUpToTop()
    {
        var collection = await SeededAsync(Count);

        var milk = await collection.GetAsync(r => r.Category == "Milk" && r.Organic, 100).ToListAsync();
        var capped = await collection.GetAsync(r => r.Category == "Milk", 5).ToListAsync();

        Assert.Equal(Count / 3, milk.Count); // i % 3 == 0 is both Milk and organic
        Assert.Equal(5, capped.Count);
    }

    [ConformanceFact]
    public async Task SearchAsync_EmptyCollection_ReturnsNothing()
    {
        var collection = await SeededAsync(0);

        Assert.Empty(await collection.SearchAsync(Grocery.UnitVector(new Random(2), Dimensions), 5).ToListAsync());
        Assert.Empty(await collection.GetAsync(_ => true, 5).ToListAsync());
    }

    [ConformanceFact]
    public async Task UpsertAsync_WrongDimension_ThrowsAndWritesNothing()
    {
        var collection = await SeededAsync(0);
        var good = Grocery.Create(3, Dimensions, seed: 8);
        var bad = new Grocery { Id = "bad", Vector = new float[Dimensions + 1] };

        await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([.. good, bad]));

        Assert.Empty(await collection.GetAsync(_ => true, 10).ToListAsync());
    }

    [ConformanceFact]
    public async Task SearchAsync_WrongDimension_Throws()
    {
        var collection = await SeededAsync(3);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await collection.SearchAsync(new float[Dimensions - 1], 1).ToListAsync());
    }

    [ConformanceFact]
    public async Task UpsertAsync_MissingCollection_ThrowsVectorStoreException()
    {
        var collection = Collection();

        await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(Grocery.Create(1, Dimensions, seed: 1)));
    }

    protected VectorStoreCollection<string, Grocery> Collection() =>
        Store.GetCollection<string, Grocery>(CollectionName, Grocery.Definition(Dimensions));

    protected Task<VectorStoreCollection<string, Grocery>> SeededAsync(int count) => SeededAsync(Grocery.Create(count, Dimensions, seed: 42));

    protected async Task<VectorStoreCollection<string, Grocery>> SeededAsync(IReadOnlyList<Grocery> items)
    {
        var collection = Collection();
        await collection.EnsureCollectionExistsAsync();
        if (items.Count > 0)
        {
            await collection.UpsertAsync(items);
        }

        return collection;
    }

    private static async Task<List<Grocery>> Search(VectorStoreCollection<string, Grocery> collection, System.Linq.Expressions.Expression<Func<Grocery, bool>> filter) =>
        await collection.SearchAsync(Grocery.UnitVector(new Random(7), Dimensions), 1000, new VectorSearchOptions<Grocery> { Filter = filter })
            .Select(r => r.Record).ToListAsync();

    private static void AssertVector(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // A tolerance, not rounding to 5 places: a backend that renormalises in float32 may move a component
            // across a rounding boundary by 1e-8.
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    private bool IsSkipped()
    {
        var requirement = GetType().GetCustomAttributes(typeof(RequiresEnvironmentAttribute), inherit: true)
            .Cast<RequiresEnvironmentAttribute>().FirstOrDefault();
        return requirement is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(requirement.Variable));
    }
}
