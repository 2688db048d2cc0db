using BasketReasoner.Retrieval.Qdrant;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// Per-store multi-tenancy over one shared collection, through the official client and <see cref="FakeQdrantGrpcServer"/>
/// (a FAKE Qdrant): the tenant payload index, the tenant field on every point, and reads, searches and deletes that
/// never reach another store's points even when ids collide.
/// </summary>
public sealed class QdrantTenancyTests : IDisposable
{
    private readonly FakeQdrantGrpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task EnsureCollectionExistsAsync_Tenant_CreatesTenantIndexFirstAndPerTenantGraph()
    {
        await Store("store-a").GetCollection<ulong, ShelfProduct>("products").EnsureCollectionExistsAsync();

        var create = Assert.Single(_server.RequestsOf<CreateCollection>("/qdrant.Collections/Create"));
        Assert.Equal((0UL, 16UL), (create.HnswConfig.M, create.HnswConfig.PayloadM));
        var tenantIndex = _server.RequestsOf<CreateFieldIndexCollection>("/qdrant.Points/CreateFieldIndex")[0];
        Assert.Equal(("store_id", FieldType.Keyword, true), (tenantIndex.FieldName, tenantIndex.FieldType, tenantIndex.FieldIndexParams.KeywordIndexParams.IsTenant));
    }

    [Fact]
    public async Task Operations_TwoStoresSameIds_EachSeesOnlyItsOwnPoints()
    {
        var a = Store("store-a").GetCollection<ulong, ShelfProduct>("products");
        var b = Store("store-b").GetCollection<ulong, ShelfProduct>("products");
        await a.EnsureCollectionExistsAsync();
        var products = ShelfProduct.Create(6);

        await a.UpsertAsync(products.Take(4));
        await b.UpsertAsync(products.Skip(2));

        Assert.Equal([1UL, 2UL, 3UL, 4UL], (await a.GetAsync(_ => true, 100).ToListAsync()).Select(p => p.Id).Order());
        Assert.Equal([3UL, 4UL, 5UL, 6UL], (await b.GetAsync(_ => true, 100).ToListAsync()).Select(p => p.Id).Order());
        Assert.Null(await b.GetAsync(1UL));
        var searchB = await b.SearchAsync(products[0].ImageEmbedding, 10, new VectorSearchOptions<ShelfProduct> { VectorProperty = p => p.ImageEmbedding }).ToListAsync();
        Assert.DoesNotContain(searchB, r => r.Record.Id is 1 or 2);
        Assert.All(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query"), q => Assert.Contains(q.Filter.Must, c => c.Field?.Key == "store_id"));
        Assert.All(_server.RequestsOf<UpsertPoints>("/qdrant.Points/Upsert").SelectMany(u => u.Points), p => Assert.True(p.Payload.ContainsKey("store_id")));
    }

    [Fact]
    public async Task DeleteAsync_Tenant_DeletesByIdsAndTenantFilterOnly()
    {
        var a = Store("store-a").GetCollection<ulong, ShelfProduct>("products");
        var b = Store("store-b").GetCollection<ulong, ShelfProduct>("products");
        await a.EnsureCollectionExistsAsync();
        var products = ShelfProduct.Create(3);
        await a.UpsertAsync(products);
        await b.UpsertAsync(products);

        await b.DeleteAsync([1UL, 2UL]);

        var delete = Assert.Single(_server.RequestsOf<DeletePoints>("/qdrant.Points/Delete"));
        Assert.Equal(PointsSelector.PointsSelectorOneOfOneofCase.Filter, delete.Points.PointsSelectorOneOfCase);
        Assert.Equal(3, (await a.GetAsync(_ => true, 10).ToListAsync()).Count);
        Assert.Equal([3UL], (await b.GetAsync(_ => true, 10).ToListAsync()).Select(p => p.Id));
    }

    [Fact]
    public void GetCollection_DataPropertyNamedLikeTheTenantField_Throws()
    {
        var store = new QdrantVectorStore(_server.CreateClient(), new QdrantVectorStoreOptions { Tenant = new QdrantTenant("store-a", "ProductId") });

        Assert.Throws<ArgumentException>(() => store.GetCollection<ulong, ShelfProduct>("products"));
    }

    private QdrantVectorStore Store(string tenant) =>
        new(_server.CreateClient(), new QdrantVectorStoreOptions { Tenant = new QdrantTenant(tenant) });
}
