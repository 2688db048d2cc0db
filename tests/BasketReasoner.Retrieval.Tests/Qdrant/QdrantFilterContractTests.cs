using System.Linq.Expressions;
using BasketReasoner.Retrieval.Qdrant;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// Every filter form of the shared subset, sent through the official client to <see cref="FakeQdrantGrpcServer"/>
/// (a FAKE Qdrant): the protobuf filter must be the documented Qdrant condition, and the points the fake selects with
/// Qdrant's filter semantics must be exactly those LINQ-to-objects selects from the same products.
/// </summary>
public sealed class QdrantFilterContractTests : IDisposable
{
    private static readonly List<ShelfProduct> Products = ShelfProduct.Create(40);
    private readonly FakeQdrantGrpcServer _server = new();

    public void Dispose() => _server.Dispose();

    public static TheoryData<string> Forms() => [.. Cases.Keys];

    private static readonly Dictionary<string, (Expression<Func<ShelfProduct, bool>> Filter, Action<Filter> Shape)> Cases = new()
    {
        ["keyword equality"] = (p => p.ProductId == "p-7", f => Assert.Equal("p-7", Field(f.Must.Single()).Match.Keyword)),
        ["integer equality"] = (p => p.ClassIndex == 3, f => Assert.Equal(3, Field(f.Must.Single()).Match.Integer)),
        ["float equality is a closed range"] = (p => p.UnitWeightGrams == 250, f => Assert.Equal((250d, 250d), (Field(f.Must.Single()).Range.Gte, Field(f.Must.Single()).Range.Lte))),
        ["bare boolean"] = (p => p.Packaged, f => Assert.True(Field(f.Must.Single()).Match.Boolean)),
        ["negated boolean"] = (p => !p.Packaged, f => Assert.True(Field(f.MustNot.Single()).Match.Boolean)),
        ["not equal"] = (p => p.ClassIndex != 2, f => Assert.Equal(2, Field(f.Must.Single().Filter.MustNot.Single()).Match.Integer)),
        ["less than"] = (p => p.UnitWeightGrams < 300, f => Assert.Equal(300d, Field(f.Must.Single()).Range.Lt)),
        ["less or equal"] = (p => p.ClassIndex <= 1, f => Assert.Equal(1d, Field(f.Must.Single()).Range.Lte)),
        ["greater than"] = (p => p.UnitWeightGrams > 900, f => Assert.Equal(900d, Field(f.Must.Single()).Range.Gt)),
        ["greater or equal"] = (p => p.ClassIndex >= 4, f => Assert.Equal(4d, Field(f.Must.Single()).Range.Gte)),
        ["contains strings"] = (p => new[] { "p-1", "p-2", "p-30" }.Contains(p.ProductId), f => Assert.Equal(["p-1", "p-2", "p-30"], Field(f.Must.Single()).Match.Keywords.Strings)),
        ["contains integers"] = (p => new[] { 0, 4 }.Contains(p.ClassIndex), f => Assert.Equal([0L, 4L], Field(f.Must.Single()).Match.Integers.Integers)),
        ["null equality"] = (p => p.Brand == null, f => Assert.Equal("Brand", f.Must.Single().IsNull.Key)),
        ["not null"] = (p => p.Brand != null, f => Assert.Equal("Brand", f.Must.Single().Filter.MustNot.Single().IsNull.Key)),
        ["and"] = (p => p.Packaged && p.ClassIndex == 2 && p.UnitWeightGrams >= 200, f => Assert.Equal(3, f.Must.Count)),
        ["or"] = (p => p.ClassIndex == 1 || p.Brand == "brand-2", f => Assert.Equal(2, f.Should.Count)),
        ["or of ands"] = (p => (p.Packaged && p.ClassIndex == 0) || (!p.Packaged && p.UnitWeightGrams > 800), f => Assert.All(f.Should, c => Assert.Equal(2, c.Filter.Must.Count))),
        ["not of or"] = (p => !(p.ClassIndex == 1 || p.ClassIndex == 2), f => Assert.Equal(2, f.MustNot.Single().Filter.Should.Count)),
        ["key equality is has_id"] = (p => p.Id == 5UL, f => Assert.Equal(5UL, f.Must.Single().HasId.HasId.Single().Num)),
        ["key not equal"] = (p => p.Id != 5UL, f => Assert.Equal(5UL, f.Must.Single().Filter.MustNot.Single().HasId.HasId.Single().Num)),
        ["captured bounds"] = (Captured(150, 400), f => Assert.Equal(2, f.Must.Count)),
        ["constant false"] = (p => false, f => Assert.Empty(f.Must.Single().HasId.HasId)),
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task SearchAsync_FilterForm_SendsTheDocumentedConditionAndSelectsWhatLinqSelects(string form)
    {
        var (filter, shape) = Cases[form];
        var collection = await SeededAsync();

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 100, new VectorSearchOptions<ShelfProduct>
        {
            VectorProperty = p => p.TextEmbedding,
            Filter = filter,
        }).ToListAsync();

        shape(Assert.Single(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query")).Filter);
        var expected = Products.Where(filter.Compile()).Select(p => p.Id).Order();
        Assert.Equal(expected, results.Select(r => r.Record.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task GetAsync_FilterForm_ScrollSelectsWhatLinqSelects(string form)
    {
        var (filter, shape) = Cases[form];
        var collection = await SeededAsync();

        var records = await collection.GetAsync(filter, 100).ToListAsync();

        shape(Assert.Single(_server.RequestsOf<ScrollPoints>("/qdrant.Points/Scroll")).Filter);
        Assert.Equal(Products.Where(filter.Compile()).Select(p => p.Id).Order(), records.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task SearchAsync_ConstantTrue_SendsNoFilter()
    {
        var collection = await SeededAsync();

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 100, new VectorSearchOptions<ShelfProduct> { VectorProperty = p => p.TextEmbedding, Filter = _ => true }).ToListAsync();

        Assert.Null(Assert.Single(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query")).Filter);
        Assert.Equal(Products.Count, results.Count);
    }

    [Fact]
    public async Task SearchAsync_StringRange_ThrowsNotSupportedBeforeSending()
    {
        var collection = await SeededAsync();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 5, new VectorSearchOptions<ShelfProduct>
        {
            VectorProperty = p => p.TextEmbedding,
            Filter = p => string.Compare(p.ProductId, "p-3", StringComparison.Ordinal) > 0,
        }).ToListAsync());

        Assert.Empty(_server.RequestsOf<QueryPoints>("/qdrant.Points/Query"));
    }

    private static Expression<Func<ShelfProduct, bool>> Captured(double min, double max) => p => p.UnitWeightGrams >= min && p.UnitWeightGrams < max;

    private static FieldCondition Field(Condition condition) => condition.Field;

    private async Task<QdrantVectorCollection<ulong, ShelfProduct>> SeededAsync()
    {
        var collection = new QdrantVectorStore(_server.CreateClient()).GetCollection<ulong, ShelfProduct>("shelf-filters");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Products);
        return collection;
    }
}
