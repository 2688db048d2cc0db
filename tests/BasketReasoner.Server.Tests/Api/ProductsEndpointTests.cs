using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Api;

/// <summary><c>GET /v1/products</c>: the screen's picker reads the store by category or by search, priced as the basket prices.</summary>
[Collection(ServerCollection.Name)]
public sealed class ProductsEndpointTests(ServerFixture fx)
{
    [Fact]
    public async Task FindProducts_Category_ListsThatCategoryByNameWithBasketPrices()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);

        var list = await http.GetFromJsonAsync<JsonElement>("/v1/products?category=milk");

        var products = list.GetProperty("products").EnumerateArray().ToArray();
        var expected = fx.Pipeline.Catalog.Products.Where(p => p.CoarseCategory == "Milk").OrderBy(p => p.ShopperFacingName, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(p => p.Id), products.Select(p => p.GetProperty("product_id").GetString()));
        foreach (var (view, product) in products.Zip(expected))
        {
            Assert.Equal(Pricing.UnitPrice(product), view.GetProperty("price").GetDecimal());
            Assert.Equal(product.Price.Amount, view.GetProperty("list_price").GetDecimal());
            Assert.Equal("Milk", view.GetProperty("category").GetString());
            Assert.Equal(product.ShopperFacingName, view.GetProperty("name").GetString());
        }

        // One display language: the mellanmjölk reads semi-skimmed, with the pack's own words as secondary text.
        var milk = products.Single(p => p.GetProperty("product_id").GetString() == "Arla-Medium-Fat-Milk");
        Assert.Equal(("Arla semi-skimmed milk 1.5%", "Arla Mellanmjölk 1.5%"), (milk.GetProperty("name").GetString(), milk.GetProperty("pack_name").GetString()));

        var categories = list.GetProperty("categories").EnumerateArray().ToArray();
        Assert.Equal(fx.Pipeline.Catalog.Products.Select(p => p.CoarseCategory).Distinct().Count(), categories.Length);
        Assert.Equal(fx.Pipeline.Catalog.Count, categories.Sum(c => c.GetProperty("products").GetInt32()));
    }

    [Theory]
    [InlineData("Banana", 800.0, 1, "23.12")]          // loose: 0.8 kg × 28.90, as the basket will charge it
    [InlineData("Arla-Standard-Milk", 5300.0, 5, "79.50")] // five 1060 g cartons at 15.90
    [InlineData("Arla-Standard-Milk", 1000.0, 1, "15.90")]
    public async Task FindProducts_WithTheAddsWeight_PricedAsTappingItWouldCharge(string id, double grams, int units, string price)
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);
        var category = fx.Pipeline.Catalog.TryGet(id, out var product) ? product.CoarseCategory : throw new InvalidOperationException(id);

        var list = await http.GetFromJsonAsync<JsonElement>($"/v1/products?category={category}&grams={grams.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        var view = list.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("product_id").GetString() == id);
        Assert.Equal((decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), units), (view.GetProperty("price").GetDecimal(), view.GetProperty("quantity").GetInt32()));
        foreach (var bad in new[] { "0", "-5", "NaN", "1e9" })
        {
            using var refused = await http.GetAsync($"/v1/products?category={category}&grams={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    [Fact]
    public async Task FindProducts_GramsNotANumber_ProblemNamesTheParameterAndValue()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);

        using var refused = await http.GetAsync("/v1/products?category=Milk&grams=abc");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("'grams' must be a number, not 'abc'.", problem.GetProperty("detail").GetString());
        using var health = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task FindProducts_Query_ReturnsTheCatalogSearchsStoreProductsBestFirst()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(null);

        var list = await http.GetFromJsonAsync<JsonElement>("/v1/products?q=oatghurt");
        var ids = list.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("product_id").GetString()).ToArray();
        Assert.Equal("Oatly-Natural-Oatghurt", ids[0]);
        Assert.All(ids, id => Assert.True(fx.Pipeline.Catalog.TryGet(id!, out _)));

        var loose = await http.GetFromJsonAsync<JsonElement>("/v1/products?q=apple&category=Apple");
        var apples = loose.GetProperty("products").EnumerateArray().ToArray();
        Assert.NotEmpty(apples);
        Assert.All(apples, a => Assert.Equal(("Apple", "kilogram"), (a.GetProperty("category").GetString(), a.GetProperty("per").GetString())));

        using var tooLong = await http.GetAsync("/v1/products?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }
}
