using System.Numerics.Tensors;
using BasketReasoner.Retrieval.PgVector;
using BasketReasoner.Retrieval.Products;
using BasketReasoner.Retrieval.Tests.Conformance;
using Microsoft.Extensions.VectorData;
using Npgsql;

namespace BasketReasoner.Retrieval.Tests.PgVector;

/// <summary>pgvector-only behaviour on the live server: bulk load + HNSW build, Flat collections, the product record.</summary>
public sealed class PgVectorCollectionTests : IAsyncLifetime
{
    private readonly string _name = "pgt_" + Guid.NewGuid().ToString("N")[..12];
    private PgVectorStore _store = null!;

    public Task InitializeAsync()
    {
        _store = PgVectorStore.Connect(PgServer.ConnectionString, new PgVectorStoreOptions { HnswM = 8, HnswEfConstruction = 32, EfSearch = 64 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.EnsureCollectionDeletedAsync(_name);
        _store.Dispose();
    }

    [Fact]
    public async Task BulkLoadAsync_NewRecords_CopiesAllAndBuildsHnswIndexWithGoodRecall()
    {
        const int Dimensions = 32;
        var items = Grocery.Create(3000, Dimensions, seed: 11);
        var collection = _store.GetCollection<string, Grocery>(_name, Grocery.Definition(Dimensions));

        var result = await collection.BulkLoadAsync(items);

        Assert.Equal(3000, result.Rows);
        Assert.Equal([_name + "_hnsw"], await IndexNamesAsync("hnsw"));
        var (tableBytes, indexBytes) = await collection.GetStorageSizeAsync();
        Assert.True(tableBytes > 3000 * Dimensions * sizeof(float), $"table {tableBytes} B");
        Assert.True(indexBytes > 0);

        // Approximate search: recall@10 over 20 queries against brute force must be high, not necessarily perfect.
        var random = new Random(12);
        var hits = 0;
        for (var q = 0; q < 20; q++)
        {
            var query = Grocery.UnitVector(random, Dimensions);
            var truth = items.OrderByDescending(i => TensorPrimitives.CosineSimilarity(query, i.Vector)).Take(10).Select(i => i.Id).ToHashSet();
            var found = await collection.SearchAsync(query, 10).Select(r => r.Record.Id).ToListAsync();
            Assert.Equal(10, found.Count);
            hits += found.Count(truth.Contains);
        }

        Assert.True(hits / 200.0 >= 0.9, $"recall@10 {hits / 200.0:F3}");
    }

    [Fact]
    public async Task BulkLoadAsync_DuplicateKey_ThrowsAndCommitsNothing()
    {
        var collection = _store.GetCollection<string, Grocery>(_name, Grocery.Definition(8));
        var items = Grocery.Create(50, 8, seed: 1);
        items.Add(items[3]);

        await Assert.ThrowsAsync<VectorStoreException>(() => collection.BulkLoadAsync(items));

        Assert.Empty(await collection.GetAsync(_ => true, 10).ToListAsync());
    }

    [Fact]
    public async Task ProductVectorRecord_FlatDefinition_ExactSearchWithoutHnswIndex()
    {
        const int Dimensions = 16;
        var collection = _store.GetCollection<string, ProductVectorRecord>(_name, ProductVectorRecord.CreateDefinition(Dimensions));
        await collection.EnsureCollectionExistsAsync();
        var random = new Random(3);
        var records = Enumerable.Range(0, 60).Select(i => new ProductVectorRecord
        {
            Key = ProductVectorRecord.KeyFor($"p{i % 20}", ProductVectorKind.Prototype, i / 20),
            ProductId = $"p{i % 20}",
            ClassIndex = i % 20,
            Kind = ProductVectorKind.Prototype,
            CoarseCategory = i % 2 == 0 ? "Fruit" : "Packages",
            TopCategory = "Top",
            UnitWeightGrams = 100 + i,
            Vector = Grocery.UnitVector(random, Dimensions),
        }).ToList();
        await collection.UpsertAsync(records);
        var query = Grocery.UnitVector(random, Dimensions);

        var results = await collection.SearchAsync(query, 5, new VectorSearchOptions<ProductVectorRecord> { Filter = r => r.CoarseCategory == "Fruit" && r.ClassIndex < 10 }).ToListAsync();

        Assert.Empty(await IndexNamesAsync("hnsw"));
        var expected = records.Where(r => r.CoarseCategory == "Fruit" && r.ClassIndex < 10)
            .OrderByDescending(r => TensorPrimitives.CosineSimilarity(query, r.Vector)).Take(5).Select(r => r.Key);
        Assert.Equal(expected, results.Select(r => r.Record.Key));
        Assert.Equal(records[4].UnitWeightGrams, (await collection.GetAsync(records[4].Key))!.UnitWeightGrams);
    }

    [Fact]
    public async Task DynamicCollection_DictionaryRecords_RoundTrip()
    {
        var collection = _store.GetDynamicCollection(_name, Grocery.Definition(4));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new Dictionary<string, object?>
        {
            ["Id"] = "d-1", ["Category"] = "Milk", ["Brand"] = "Arla", ["Weight"] = 1000d, ["Organic"] = true, ["Vector"] = new float[] { 1, 0, 0, 0 },
        });

        var found = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 1, new VectorSearchOptions<Dictionary<string, object?>> { Filter = r => (string)r["Brand"]! == "Arla" }).SingleAsync();

        Assert.Equal("d-1", found.Record["Id"]);
        Assert.Equal(1000d, found.Record["Weight"]);
        Assert.Equal(1, found.Score!.Value, 5);
    }

    private async Task<List<string>> IndexNamesAsync(string method)
    {
        var dataSource = (NpgsqlDataSource)_store.GetService(typeof(NpgsqlDataSource))!;
        await using var command = dataSource.CreateCommand("SELECT indexname FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%USING ' || $2 || '%'");
        command.Parameters.Add(new NpgsqlParameter { Value = _name });
        command.Parameters.Add(new NpgsqlParameter { Value = method });
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
