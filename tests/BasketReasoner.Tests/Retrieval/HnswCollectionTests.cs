using System.Numerics.Tensors;
using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Embedded.Hnsw;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Tests.Retrieval;

/// <summary>A product-like record with the payload filters the catalog needs: category, brand, weight, attributes.</summary>
public sealed class ShelfItem
{
    public string Id { get; set; } = "";

    public string Category { get; set; } = "";

    public string Brand { get; set; } = "";

    public double WeightGrams { get; set; }

    public bool Organic { get; set; }

    public float[] Embedding { get; set; } = [];

    public static VectorStoreCollectionDefinition Definition(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Category), typeof(string)),
            new VectorStoreDataProperty(nameof(Brand), typeof(string)),
            new VectorStoreDataProperty(nameof(WeightGrams), typeof(double)),
            new VectorStoreDataProperty(nameof(Organic), typeof(bool)),
            new VectorStoreVectorProperty(nameof(Embedding), typeof(float[]), dimensions),
        ],
    };

    /// <summary>Unit vectors around <paramref name="clusters"/> seeded centres with varying spreads.</summary>
    public static List<ShelfItem> Clustered(int seed, int count, int dimensions, int clusters)
    {
        var random = new Random(seed);
        var centers = Enumerable.Range(0, clusters).Select(_ => Gaussian(random, dimensions, 1.0)).ToArray();
        string[] categories = ["Milk", "Apple", "Juice"];
        string[] brands = ["Arla", "Garant", "Zeta", "Oatly", "Valio"];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var center = centers[random.Next(clusters)];
            var noise = Gaussian(random, dimensions, 0.3 + (0.5 * random.NextDouble()));
            return new ShelfItem
            {
                Id = $"p{i}",
                Category = categories[i % categories.Length],
                Brand = brands[(i / 3) % brands.Length],
                WeightGrams = 100 + (i % 900),
                Organic = i % 4 == 0,
                Embedding = Unit(center.Zip(noise, (a, b) => a + b).ToArray()),
            };
        })];
    }

    public static float[] Query(Random random, int dimensions) => Unit(Gaussian(random, dimensions, 1.0));

    private static float[] Gaussian(Random random, int dimensions, double spread)
    {
        var v = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            v[d] = (float)(spread / Math.Sqrt(dimensions) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return v;
    }

    private static float[] Unit(float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}

public sealed class HnswCollectionTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private EmbeddedVectorStore OpenStore(int threshold, VectorQuantization quantization = VectorQuantization.None, string sub = "a") =>
        new(new EmbeddedVectorStoreOptions
        {
            Directory = Path.Combine(_dir.Path, sub),
            FlushToDisk = false,
            HnswThreshold = threshold,
            Hnsw = new HnswOptions { M = 12, EfConstruction = 80, EfSearch = 48, Quantization = quantization },
        });

    private static async Task<EmbeddedVectorCollection<string, ShelfItem>> Fill(EmbeddedVectorStore store, List<ShelfItem> items)
    {
        var collection = store.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(items);
        return collection;
    }

    [Theory]
    [InlineData(VectorQuantization.None, 0.95)]
    [InlineData(VectorQuantization.Int8, 0.93)]
    public async Task SearchAsync_HnswOnClusteredData_RecallAtTenVersusExactAboveBound(VectorQuantization quantization, double bound)
    {
        var items = ShelfItem.Clustered(seed: 11, count: 3000, Dimensions, clusters: 40);
        using var exactStore = OpenStore(int.MaxValue, sub: "exact");
        using var hnswStore = OpenStore(0, quantization, sub: "hnsw");
        var exact = await Fill(exactStore, items);
        var hnsw = await Fill(hnswStore, items);
        Assert.False(exact.UsesHnswIndex);
        Assert.True(hnsw.UsesHnswIndex);

        var random = new Random(5);
        var hits = 0;
        const int queries = 60;
        for (var q = 0; q < queries; q++)
        {
            var query = items[random.Next(items.Count)].Embedding.Select(x => x + (0.02f * (float)(random.NextDouble() - 0.5))).ToArray();
            var truth = (await exact.SearchAsync(query, 10).ToListAsync()).Select(r => r.Record.Id).ToHashSet();
            var found = await hnsw.SearchAsync(query, 10).ToListAsync();
            hits += found.Count(r => truth.Contains(r.Record.Id));
        }

        var recall = hits / (queries * 10.0);
        Assert.True(recall >= bound, $"recall@10 {recall:F3} < {bound}");
    }

    [Fact]
    public async Task SearchAsync_HnswScores_EqualExactScoresForReturnedRows()
    {
        var items = ShelfItem.Clustered(seed: 3, count: 800, Dimensions, clusters: 10);
        using var store = OpenStore(0);
        var collection = await Fill(store, items);
        var query = ShelfItem.Query(new Random(1), Dimensions);

        var results = await collection.SearchAsync(query, 5).ToListAsync();

        Assert.Equal(5, results.Count);
        foreach (var result in results)
        {
            var expected = TensorPrimitives.CosineSimilarity(query, items.Single(i => i.Id == result.Record.Id).Embedding);
            Assert.Equal(expected, result.Score!.Value, 4);
        }

        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task SearchAsync_HnswWithBrandWeightAndAttributeFilter_ReturnsOnlyMatchesAndAgreesWithExact()
    {
        var items = ShelfItem.Clustered(seed: 21, count: 3000, Dimensions, clusters: 30);
        using var exactStore = OpenStore(int.MaxValue, sub: "exact");
        using var hnswStore = OpenStore(0, sub: "hnsw");
        var exact = await Fill(exactStore, items);
        var hnsw = await Fill(hnswStore, items);
        var (low, high) = (200.0, 800.0);
        var options = new VectorSearchOptions<ShelfItem>
        {
            Filter = r => r.Category == "Milk" && r.Brand != "Zeta" && r.WeightGrams >= low && r.WeightGrams <= high,
        };

        var random = new Random(8);
        var hits = 0;
        for (var q = 0; q < 20; q++)
        {
            var query = ShelfItem.Query(random, Dimensions);
            var truth = (await exact.SearchAsync(query, 10, options).ToListAsync()).Select(r => r.Record.Id).ToHashSet();
            var found = await hnsw.SearchAsync(query, 10, options).ToListAsync();
            Assert.Equal(10, found.Count);
            Assert.All(found, r => Assert.True(r.Record.Category == "Milk" && r.Record.Brand != "Zeta" && r.Record.WeightGrams is >= 200 and <= 800));
            hits += found.Count(r => truth.Contains(r.Record.Id));
        }

        Assert.True(hits >= 0.9 * 200, $"filtered recall {hits / 200.0:F3}");
    }

    [Fact]
    public async Task SearchAsync_VerySelectiveFilter_FallsBackToExactAndFindsTheOnlyMatches()
    {
        var items = ShelfItem.Clustered(seed: 4, count: 2000, Dimensions, clusters: 20);
        using var store = OpenStore(0);
        var collection = await Fill(store, items);
        var query = ShelfItem.Query(new Random(2), Dimensions);

        var results = await collection.SearchAsync(query, 10, new VectorSearchOptions<ShelfItem>
        {
            Filter = r => r.Organic && r.WeightGrams == 104,
        }).ToListAsync();

        var expected = items.Where(i => i.Organic && i.WeightGrams == 104).Select(i => i.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, results.Select(r => r.Record.Id).Order().ToList());
    }

    [Fact]
    public async Task UpsertAsync_OverwriteAndDeleteInGraph_SearchSeesOnlyCurrentRows()
    {
        var items = ShelfItem.Clustered(seed: 9, count: 1500, Dimensions, clusters: 15);
        using var store = OpenStore(0);
        var collection = await Fill(store, items);
        var moved = items[10];
        var newVector = ShelfItem.Query(new Random(77), Dimensions);
        var oldVector = moved.Embedding;

        await collection.UpsertAsync(new ShelfItem { Id = moved.Id, Category = "Moved", Embedding = newVector });
        var atNew = await collection.SearchAsync(newVector, 1).SingleAsync();
        var atOld = await collection.SearchAsync(oldVector, 20).ToListAsync();

        Assert.Equal(moved.Id, atNew.Record.Id);
        Assert.Equal("Moved", atNew.Record.Category);
        Assert.DoesNotContain(atOld, r => r.Record.Id == moved.Id && r.Score > 0.999);

        // Delete more than half: tombstones then a compaction rebuild; deleted rows never come back.
        var deleted = items.Take(900).Select(i => i.Id).ToList();
        await collection.DeleteAsync(deleted);
        var gone = deleted.ToHashSet();
        var random = new Random(6);
        for (var q = 0; q < 20; q++)
        {
            var results = await collection.SearchAsync(items[900 + random.Next(600)].Embedding, 10).ToListAsync();
            Assert.Equal(10, results.Count);
            Assert.DoesNotContain(results, r => gone.Contains(r.Record.Id));
        }

        var survivor = items[1200];
        Assert.Equal(survivor.Id, (await collection.SearchAsync(survivor.Embedding, 1).SingleAsync()).Record.Id);
    }

    [Fact]
    public async Task SearchBatchAsync_ManyQueries_EqualsOneByOneSearches()
    {
        var items = ShelfItem.Clustered(seed: 12, count: 1000, Dimensions, clusters: 10);
        using var store = OpenStore(0);
        var collection = await Fill(store, items);
        var random = new Random(3);
        var queries = Enumerable.Range(0, 5).Select(_ => (ReadOnlyMemory<float>)ShelfItem.Query(random, Dimensions)).ToList();

        var batch = await collection.SearchBatchAsync(queries, 7);

        Assert.Equal(queries.Count, batch.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var single = await collection.SearchAsync(queries[i], 7).ToListAsync();
            Assert.Equal(single.Select(r => r.Record.Id), batch[i].Select(r => r.Record.Id));
        }
    }

    [Fact]
    public async Task UpsertAsync_NaNOrWrongDimension_ThrowsClearErrorAndChangesNothing()
    {
        using var store = OpenStore(0);
        var collection = await Fill(store, ShelfItem.Clustered(seed: 1, count: 50, Dimensions, clusters: 3));
        var nan = new float[Dimensions];
        nan[3] = float.NaN;

        var nanError = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([new ShelfItem { Id = "ok", Embedding = new float[Dimensions] }, new ShelfItem { Id = "bad", Embedding = nan }]));
        var dimError = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync(new ShelfItem { Id = "short", Embedding = new float[Dimensions - 1] }));
        var queryError = await Assert.ThrowsAsync<ArgumentException>(async () => await collection.SearchAsync(nan, 3).ToListAsync());

        Assert.Contains("NaN", nanError.Message, StringComparison.Ordinal);
        Assert.Contains("dimensional", dimError.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", queryError.Message, StringComparison.Ordinal);
        Assert.Null(await collection.GetAsync("ok"));
    }

    [Fact]
    public void Constructor_InvalidHnswOptions_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddedVectorStore(new EmbeddedVectorStoreOptions
        {
            Directory = _dir.Path,
            Hnsw = new HnswOptions { M = 2 },
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddedVectorStore(new EmbeddedVectorStoreOptions
        {
            Directory = _dir.Path,
            Hnsw = new HnswOptions { M = 16, EfConstruction = 8 },
        }));
    }
}

public sealed class Int8QuantizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(37)]
    [InlineData(128)]
    [InlineData(200)]
    public void Dot_AnyLength_EqualsScalarReference(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Kernels.Dot(a, b));
    }

    [Fact]
    public void Encode_UnitVectors_DotProductErrorWithinAnalyticBound()
    {
        const int dimensions = 128;
        var random = new Random(4);
        var vectors = Enumerable.Range(0, 400).Select(_ => ShelfItem.Query(random, dimensions)).ToArray();
        var quantizer = Int8Quantizer.Fit(vectors.SelectMany(v => v).ToArray(), dimensions, normalize: false);
        var codesA = new sbyte[dimensions];
        var codesB = new sbyte[dimensions];
        var worst = 0.0;
        for (var i = 0; i + 1 < vectors.Length; i += 2)
        {
            var (x, y) = (vectors[i], vectors[i + 1]);
            quantizer.Encode(x, codesA);
            quantizer.Encode(y, codesB);
            var approx = Int8Kernels.Dot(codesA, codesB) * quantizer.DotScale;
            var error = Math.Abs(approx - TensorPrimitives.Dot(x, y));

            // Per component |x − x̂| ≤ e = s/2 + max(0, |x| − 127·s) (rounding plus clipping), and
            // x·y − x̂·ŷ = x·(y − ŷ) + (x − x̂)·ŷ, so |error| ≤ Σ |xᵢ|·e(yᵢ) + e(xᵢ)·(|yᵢ| + e(yᵢ)).
            var s = quantizer.Scale;
            double ComponentError(float v) => (s / 2) + Math.Max(0, MathF.Abs(v) - (127 * s));
            var bound = 0.0;
            for (var d = 0; d < dimensions; d++)
            {
                var (ex, ey) = (ComponentError(x[d]), ComponentError(y[d]));
                bound += (MathF.Abs(x[d]) * ey) + (ex * (MathF.Abs(y[d]) + ey));
            }

            Assert.True(error <= bound, $"error {error} > bound {bound}");
            worst = Math.Max(worst, error);
        }

        // In practice the rounding errors cancel: far below the worst case, and small against cosine gaps that matter.
        Assert.True(worst < 0.01, $"worst dot error {worst}");
    }
}
