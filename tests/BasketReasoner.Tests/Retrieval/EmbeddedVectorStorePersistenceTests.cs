using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Tests.Retrieval;

public sealed class EmbeddedVectorStorePersistenceTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Reopen_AfterUpsertsAndDeletes_RestoresRecordsVectorsAndSearch()
    {
        var items = RandomData.Items(new Random(3), 50, Dimensions);
        using (var store = _dir.OpenStore())
        {
            var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(items);
            await collection.DeleteAsync("item-7");
        }

        using var reopened = _dir.OpenStore();
        Assert.Equal(["items"], await reopened.ListCollectionNamesAsync().ToListAsync());
        var restored = reopened.GetCollection<string, Item>("items", Item.Definition(Dimensions));
        Assert.True(await restored.CollectionExistsAsync());
        Assert.Null(await restored.GetAsync("item-7"));
        var item = await restored.GetAsync("item-12", new RecordRetrievalOptions { IncludeVectors = true });
        Assert.Equal(items[12].Category, item!.Category);
        Assert.Equal(items[12].Weight, item.Weight);
        Assert.Equal(items[12].Embedding, item.Embedding);
        var top = await restored.SearchAsync(items[12].Embedding, 1).SingleAsync();
        Assert.Equal("item-12", top.Record.Id);
        Assert.Equal(49, (await restored.GetAsync(_ => true, 100).ToListAsync()).Count);
    }

    [Fact]
    public async Task Open_TornTempFileBesideSnapshot_IgnoresAndRemovesIt()
    {
        using (var store = _dir.OpenStore())
        {
            var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(RandomData.Items(new Random(4), 5, Dimensions));
        }

        // What a crash between write and rename leaves behind: a half-written temp file.
        var torn = Path.Combine(_dir.Path, "items.evc.0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(torn, [0x42, 0x52, 0x56, 0x45, 0x01]);

        using var reopened = _dir.OpenStore();
        var restored = reopened.GetCollection<string, Item>("items", Item.Definition(Dimensions));
        Assert.Equal(5, (await restored.GetAsync(_ => true, 100).ToListAsync()).Count);
        Assert.False(File.Exists(torn));
        Assert.Equal(["items"], await reopened.ListCollectionNamesAsync().ToListAsync());
    }

    [Fact]
    public async Task Open_CorruptedSnapshot_ThrowsInsteadOfServingWrongData()
    {
        using (var store = _dir.OpenStore())
        {
            var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(RandomData.Items(new Random(5), 5, Dimensions));
        }

        var path = Path.Combine(_dir.Path, "items.evc");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        using var reopened = _dir.OpenStore();
        Assert.Throws<VectorStoreException>(() => reopened.GetCollection<string, Item>("items", Item.Definition(Dimensions)));
    }

    [Fact]
    public async Task Open_TruncatedSnapshot_Throws()
    {
        using (var store = _dir.OpenStore())
        {
            var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(RandomData.Items(new Random(6), 5, Dimensions));
        }

        var path = Path.Combine(_dir.Path, "items.evc");
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length - 40)]);

        using var reopened = _dir.OpenStore();
        Assert.Throws<VectorStoreException>(() => reopened.GetCollection<string, Item>("items", Item.Definition(Dimensions)));
    }

    [Fact]
    public async Task EnsureCollectionDeletedAsync_ExistingCollection_RemovesItFromDiskAndMemory()
    {
        using var store = _dir.OpenStore();
        var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(RandomData.Items(new Random(7), 3, Dimensions));

        await store.EnsureCollectionDeletedAsync("items");

        Assert.False(await store.CollectionExistsAsync("items"));
        Assert.False(await collection.CollectionExistsAsync());
        Assert.Empty(Directory.EnumerateFiles(_dir.Path));
    }

    [Fact]
    public async Task Reopen_DynamicCollection_ReadsSameDataAndFiltersByIndexer()
    {
        using (var store = _dir.OpenStore())
        {
            var collection = store.GetCollection<string, Item>("items", Item.Definition(Dimensions));
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(RandomData.Items(new Random(8), 9, Dimensions));
        }

        using var reopened = _dir.OpenStore();
        var dynamic = reopened.GetDynamicCollection("items", Item.Definition(Dimensions));
        var milk = await dynamic.GetAsync(r => (string)r["Category"]! == "Milk", 100).ToListAsync();

        Assert.Equal(3, milk.Count);
        Assert.All(milk, r => Assert.Equal("Milk", r["Category"]));
    }

    [Fact]
    public void GetCollection_NameWithPathSeparator_Throws()
    {
        using var store = _dir.OpenStore();

        Assert.Throws<ArgumentException>(() => store.GetCollection<string, Item>("../escape", Item.Definition(Dimensions)));
    }
}
