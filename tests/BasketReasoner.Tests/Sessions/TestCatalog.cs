using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;

namespace BasketReasoner.Tests.Sessions;

/// <summary>A five-product catalog with realistic weights, and split images laid out like the dataset's.</summary>
internal static class TestCatalog
{
    public static ProductCatalog Create() => new(
    [
        Make(0, "Golden-Delicious", "Apple", "Fruit", SoldBy.Weight, 170, estimated: true),
        Make(1, "Banana", "Banana", "Fruit", SoldBy.Weight, 120, estimated: true),
        Make(2, "Arla-Standard-Milk", "Milk", "Packages", SoldBy.Unit, 1062, estimated: false),
        Make(3, "Oatly-Natural-Oatghurt", "Oatghurt", "Packages", SoldBy.Unit, 1045, estimated: true),
        Make(4, "Cucumber", "Cucumber", "Vegetables", SoldBy.Weight, 350, estimated: true),
    ]);

    /// <summary><paramref name="perClass"/> images per class, except Cucumber, which gets two so sessions must reuse them.</summary>
    public static IReadOnlyList<SplitImage> Images(ProductCatalog catalog, string split = "test", int perClass = 8) =>
        catalog.Products
            .SelectMany(p => Enumerable.Range(1, p.Id == "Cucumber" ? 2 : perClass)
                .Select(j => new SplitImage($"{split}/{p.TopCategory}/{p.CoarseCategory}/{p.Id}/{p.Id}_{j:000}.jpg", p.ClassIndex)))
            .ToArray();

    private static Product Make(int index, string id, string coarse, string top, SoldBy soldBy, double grams, bool estimated) => new()
    {
        Id = id,
        ClassIndex = index,
        DisplayName = id.Replace('-', ' '),
        CoarseCategory = coarse,
        TopCategory = top,
        SoldBy = soldBy,
        UnitWeightGrams = grams,
        UnitWeightEstimated = estimated,
        Attributes = new ProductAttributes(),
        Description = "test product",
        Price = new DemoPrice { Amount = 10m, Per = soldBy == SoldBy.Weight ? PriceUnit.Kilogram : PriceUnit.Unit },
        IconicImage = $"iconic/{id}.jpg",
    };
}
