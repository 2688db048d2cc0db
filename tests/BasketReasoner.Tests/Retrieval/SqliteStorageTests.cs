using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Embedded.Hnsw;
using BasketReasoner.Retrieval.Embedded.Storage;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Tests.Retrieval;

public sealed class SqliteStorageTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private EmbeddedVectorStore OpenStore(int threshold = int.MaxValue) => new(new EmbeddedVectorStoreOptions
    {
        Directory = _dir.Path,
        FlushToDisk = false,
        Storage = EmbeddedStorage.Sqlite,
        HnswThreshold = threshold,
        Hnsw = new HnswOptions { M = 8, EfConstruction = 40 },
    });

    [Fact]
    public async Task Reopen_AfterUpsertsOverwriteAndDelete_RestoresRecordsAndRebuildsGraph()
    {
        var items = ShelfItem.Clustered(seed: 2, count: 400, Dimensions, clusters: 8);
        using (var store = OpenStore(threshold: 100))
        {
            var collection = store.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(items);
            await collection.UpsertAsync(new ShelfItem { Id = items[0].Id, Brand = "Overwritten", WeightGrams = 1.5, Organic = true, Embedding = items[0].Embedding });
            await collection.DeleteAsync([items[1].Id, items[2].Id]);
        }

        Assert.True(File.Exists(Path.Combine(_dir.Path, "shelf.db")));
        using var reopened = OpenStore(threshold: 100);
        var again = reopened.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions));

        Assert.True(again.UsesHnswIndex);
        Assert.Equal(["shelf"], await reopened.ListCollectionNamesAsync().ToListAsync());
        var first = await again.GetAsync(items[0].Id, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(first);
        Assert.Equal(("Overwritten", 1.5, true), (first.Brand, first.WeightGrams, first.Organic));
        Assert.Equal(items[0].Embedding, first.Embedding);
        Assert.Null(await again.GetAsync(items[1].Id));
        Assert.Equal(items[50].Id, (await again.SearchAsync(items[50].Embedding, 1).SingleAsync()).Record.Id);
        Assert.Equal(398, await again.GetAsync(_ => true, 1000).CountAsync());
    }

    [Fact]
    public async Task UpsertAsync_CommitFailsMidBatch_DiskAndMemoryKeepOnlyTheLastCommittedBatch()
    {
        var items = ShelfItem.Clustered(seed: 5, count: 60, Dimensions, clusters: 4);
        using (var store = OpenStore())
        {
            var collection = store.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(items.Take(30));

            // The process "dies" after writing 10 rows of the second batch: the transaction never commits.
            var storage = (SqliteStorage)collection.Table.Storage;
            storage.BeforeRowWritten = row => { if (row == 10) { throw new IOException("simulated crash"); } };
            await Assert.ThrowsAsync<IOException>(() => collection.UpsertAsync(items.Skip(30)));
            storage.BeforeRowWritten = null;

            Assert.Equal(30, await collection.GetAsync(_ => true, 1000).CountAsync());
            Assert.Null(await collection.GetAsync(items[35].Id));
        }

        using var reopened = OpenStore();
        var again = reopened.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions));
        var ids = await again.GetAsync(_ => true, 1000).Select(i => i.Id).ToListAsync();
        Assert.Equal(items.Take(30).Select(i => i.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task EnsureCollectionDeletedAsync_SqliteCollection_RemovesFiles()
    {
        using var store = OpenStore();
        var collection = store.GetCollection<string, ShelfItem>("gone", ShelfItem.Definition(Dimensions));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(ShelfItem.Clustered(seed: 1, count: 5, Dimensions, clusters: 1));

        await store.EnsureCollectionDeletedAsync("gone");

        Assert.False(await store.CollectionExistsAsync("gone"));
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "gone.db*"));
    }

    [Fact]
    public async Task GetCollection_FileWithOtherDimension_ThrowsVectorStoreException()
    {
        using (var store = OpenStore())
        {
            var collection = store.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
        }

        using var reopened = OpenStore();
        Assert.Throws<VectorStoreException>(() => reopened.GetCollection<string, ShelfItem>("shelf", ShelfItem.Definition(Dimensions * 2)));
    }
}

public sealed class InMemoryStorageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InMemoryStore_CreateUpsertDelete_WritesNoFilesAndReportsExistence()
    {
        using var store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = _dir.Path, Storage = EmbeddedStorage.InMemory });
        var collection = store.GetCollection<string, ShelfItem>("mem", ShelfItem.Definition(8));
        Assert.False(await store.CollectionExistsAsync("mem"));

        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(ShelfItem.Clustered(seed: 1, count: 10, 8, clusters: 2));

        Assert.True(await store.CollectionExistsAsync("mem"));
        Assert.Equal(["mem"], await store.ListCollectionNamesAsync().ToListAsync());
        Assert.Empty(Directory.EnumerateFiles(_dir.Path));
        await store.EnsureCollectionDeletedAsync("mem");
        Assert.False(await store.CollectionExistsAsync("mem"));
    }
}
