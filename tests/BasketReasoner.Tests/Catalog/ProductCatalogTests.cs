using System.Text.Json;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Tests.Catalog;

public sealed class ProductCatalogTests
{
    private static Product Sample(string id, int index, SoldBy soldBy) => new()
    {
        Id = id,
        ClassIndex = index,
        DisplayName = id.Replace('-', ' '),
        Brand = soldBy == SoldBy.Unit ? "Arla" : null,
        CoarseCategory = "Milk",
        TopCategory = "Packages",
        SoldBy = soldBy,
        UnitWeightGrams = 1060,
        UnitWeightEstimated = false,
        VolumeMl = 1000,
        Attributes = new ProductAttributes { Organic = true, FatPercent = 1.5, Flavour = "vanilla", Origin = "Sweden" },
        Description = "Milk.",
        Price = new DemoPrice { Amount = 15.90m, Per = soldBy == SoldBy.Unit ? PriceUnit.Unit : PriceUnit.Kilogram },
        IconicImage = "iconic-images-and-descriptions/x.jpg",
        Source = "iconic-images-and-descriptions/x.txt",
    };

    [Fact]
    public void SaveLoad_RoundTrip_ProductsEqual()
    {
        var catalog = new ProductCatalog([Sample("B-Milk", 1, SoldBy.Weight), Sample("A-Milk", 0, SoldBy.Unit)]);
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        try
        {
            catalog.Save(path, "demo prices");
            var loaded = ProductCatalog.Load(path);

            Assert.Equal(catalog.Products, loaded.Products);
            Assert.Equal("A-Milk", loaded[0].Id);
            Assert.Same(loaded[1], loaded.Get("b-milk"));
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("demo prices", doc.RootElement.GetProperty("note").GetString());
            Assert.Equal("Weight", doc.RootElement.GetProperty("products")[1].GetProperty("sold_by").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Get_UnknownId_ThrowsUnknownProduct()
    {
        var catalog = new ProductCatalog([Sample("A-Milk", 0, SoldBy.Unit)]);
        Assert.Equal("Nope", Assert.Throws<UnknownProductException>(() => catalog.Get("Nope")).ProductId);
    }
}
