using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.PgVector;
using BasketReasoner.Retrieval.Qdrant;
using BasketReasoner.Retrieval.Tests.Qdrant;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.PgVector;

/// <summary>
/// MiniLM text vectors in the catalog-text record, stored and searched in the embedded store, in pgvector (live,
/// scripts/setup-postgres.sh) and through the Qdrant connector (against the fake Qdrant: the connector's mapping, not
/// Qdrant's own index): the same ranking from all, and 384 dimensions enforced everywhere.
/// </summary>
public sealed class MiniLmCatalogTextTests : IAsyncLifetime
{
    private static readonly (string Id, string Text)[] Products =
    [
        ("oat-milk", "Oatly oat drink, enriched, chilled. Havredryck. Plant based"),
        ("soy-milk", "Alpro soy drink with calcium. Sojadryck. Plant based"),
        ("milk", "Arla milk 3 % fat. Mjölk"),
        ("lactose-free-milk", "Arla semi-skimmed milk, lactose free, 1.5 % fat. Laktosfri mellanmjölk"),
        ("yoghurt", "Arla natural yoghurt 3 %"),
        ("orange-juice", "God Morgon orange juice. Apelsinjuice"),
        ("apple-juice", "Bravo apple juice. Äppeljuice"),
        ("banana", "Organic bananas from Ecuador. Ekologiska bananer"),
        ("apple", "Granny Smith apples, green, from Italy. Äpplen"),
        ("potato", "Floury potatoes for mash. Mjölig potatis"),
        ("tomato", "Vine tomatoes. Kvisttomater"),
        ("garlic", "Garlic bulb. Vitlök"),
        ("ginger", "Fresh ginger root. Ingefära"),
        ("pepper", "Red bell pepper. Röd paprika"),
        ("cucumber", "Swedish cucumber. Gurka"),
        ("sour-cream", "Arla sour cream 12 %. Gräddfil"),
    ];

    private static readonly string[] Queries = ["oat drink", "something for mashed potatoes", "laktosfri mjölk", "fruit juice for breakfast", "grön paprika"];

    private readonly string _name = "pgt_minilm_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "minilm-store-" + Guid.NewGuid().ToString("N"));
    private readonly FakeQdrantGrpcServer _qdrantServer = new();
    private PgVectorStore _pg = null!;
    private EmbeddedVectorStore _embedded = null!;
    private QdrantVectorStore _qdrant = null!;

    public Task InitializeAsync()
    {
        _pg = PgVectorStore.Connect(PgServer.ConnectionString);
        _embedded = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = _folder, FlushToDisk = false });
        _qdrant = new QdrantVectorStore(_qdrantServer.CreateClient(), new QdrantVectorStoreOptions { EfSearch = 400 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pg.EnsureCollectionDeletedAsync(_name);
        _pg.Dispose();
        _embedded.Dispose();
        _qdrant.Dispose();
        _qdrantServer.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Embed_AnyText_384UnitVectorAndParaphraseCloserThanUnrelated()
    {
        var model = MiniLmEmbedder.Shared;
        Assert.NotNull(model);

        var a = model.Embed("oat drink");
        var b = model.Embed("milk made from oats");
        var c = model.Embed("garlic bulb");

        Assert.Equal(384, model.Dimensions);
        Assert.Equal(384, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 3);
        Assert.True(Dot(a, b) > Dot(a, c) + 0.1, $"paraphrase {Dot(a, b):0.000} vs unrelated {Dot(a, c):0.000}");
        Assert.Throws<ArgumentException>(() => model.Embed("oat drink", new float[383]));
    }

    [Fact]
    public async Task SearchAsync_MiniLmVectors_EmbeddedPgVectorAndQdrantRankTheSame()
    {
        var model = MiniLmEmbedder.Shared!;
        var records = Products.Select(p => new CatalogTextRecord { Id = p.Id, IsStoreProduct = true, CoarseCategory = "x", Vector = model.Embed(p.Text) }).ToArray();
        var embedded = _embedded.GetCollection<string, CatalogTextRecord>(_name, CatalogTextRecord.CreateDefinition(MiniLmEmbedder.ModelDimensions));
        var pg = _pg.GetCollection<string, CatalogTextRecord>(_name, CatalogTextRecord.CreateDefinition(MiniLmEmbedder.ModelDimensions));
        var qdrant = _qdrant.GetCollection<string, CatalogTextRecord>(_name, CatalogTextRecord.CreateDefinition(MiniLmEmbedder.ModelDimensions));
        foreach (var c in new VectorStoreCollection<string, CatalogTextRecord>[] { embedded, pg, qdrant })
        {
            await c.EnsureCollectionExistsAsync();
            await c.UpsertAsync(records);
        }

        var firsts = new List<string>();
        foreach (var q in Queries)
        {
            var vector = model.Embed(q);
            var fromEmbedded = await embedded.SearchAsync(vector, 8).ToListAsync();
            var fromPg = await pg.SearchAsync(vector, 8).ToListAsync();
            var fromQdrant = await qdrant.SearchAsync(vector, 8).ToListAsync();

            Assert.Equal(fromEmbedded.Select(r => r.Record.Id), fromPg.Select(r => r.Record.Id));
            Assert.Equal(fromEmbedded.Select(r => r.Record.Id), fromQdrant.Select(r => r.Record.Id));
            Assert.All(fromEmbedded.Zip(fromPg), p => Assert.Equal(p.First.Score!.Value, p.Second.Score!.Value, 4));
            firsts.Add(fromEmbedded[0].Record.Id);
        }

        var stored = await pg.GetAsync("oat-milk", new RecordRetrievalOptions { IncludeVectors = true });
        Assert.Equal(records[0].Vector, stored!.Vector);

        // The ranking is also the right one where the words differ from the product's text.
        Assert.Equal("oat-milk", firsts[0]);
        Assert.Equal("potato", firsts[1]);
        Assert.Equal("lactose-free-milk", firsts[2]);
    }

    [Fact]
    public async Task UpsertAsync_VectorNot384_RejectedByEveryStore()
    {
        var embedded = _embedded.GetCollection<string, CatalogTextRecord>(_name, CatalogTextRecord.CreateDefinition(MiniLmEmbedder.ModelDimensions));
        var pg = _pg.GetCollection<string, CatalogTextRecord>(_name, CatalogTextRecord.CreateDefinition(MiniLmEmbedder.ModelDimensions));
        var qdrant = _qdrant.GetCollection<string, CatalogTextRecord>(_name, CatalogTextRecord.CreateDefinition(MiniLmEmbedder.ModelDimensions));
        var wrong = new CatalogTextRecord { Id = "short", IsStoreProduct = true, Vector = new float[383] };
        wrong.Vector[0] = 1;

        foreach (var c in new VectorStoreCollection<string, CatalogTextRecord>[] { embedded, pg, qdrant })
        {
            await c.EnsureCollectionExistsAsync();
            await Assert.ThrowsAnyAsync<ArgumentException>(() => c.UpsertAsync(wrong));
            Assert.Null(await c.GetAsync("short"));
        }
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
}
