using BasketReasoner.Core.Catalog.Search;

namespace BasketReasoner.Tests.Assistant;

public sealed class HybridCatalogSearchTests
{
    [Theory]
    [InlineData("Ganny Smtih", "Granny-Smith")]
    [InlineData("avokado", "Avocado")]
    [InlineData("purjolök", "Leek")]
    [InlineData("Tropicana golden grapefruit", "Tropicana-Golden-Grapefruit")]
    [InlineData("arla lactose free milk", "Arla-Lactose-Medium-Fat-Milk")]
    public void Search_TypoSwedishOrNamedQuery_FindsTheProductFirst(string query, string expected)
    {
        Assert.Equal(expected, AssistantFixture.Search.Search(query)[0].Id);
    }

    [Fact]
    public void Search_BrandQuery_ReturnsTheBrandsProductsFirst()
    {
        var hits = AssistantFixture.Search.Search("Alpro", top: 4);

        Assert.All(hits, h => Assert.StartsWith("Alpro-", h.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Search_AttributeQuery_FindsProductsWithTheAttribute()
    {
        var hits = AssistantFixture.Search.Search("ekologisk mjölk", top: 3);

        Assert.All(hits, h => Assert.True(AssistantFixture.Catalog.Get(h.Id).Attributes.Organic, h.Id));
    }

    [Fact]
    public void Search_CategoryFilter_OnlyThatCategory()
    {
        var hits = AssistantFixture.Search.Search("vanilla", new CatalogSearchFilter { CoarseCategory = "Soyghurt" }, 10);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("Soyghurt", AssistantFixture.Catalog.Get(h.Id).CoarseCategory));
    }

    [Fact]
    public void Search_ReferenceProducts_OnlyWhenAsked()
    {
        Assert.All(AssistantFixture.Search.Search("Barilla zuppa", top: 10), h => Assert.True(h.IsStoreProduct));
        var hit = AssistantFixture.Search.Search("Barilla zuppa", new CatalogSearchFilter { IncludeReference = true }, 1)[0];
        Assert.Equal("off:1", hit.Id);
        Assert.False(hit.IsStoreProduct);
    }
}
