using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Tests.Fusion;

/// <summary>A small hand-written catalog with real-world weights for fusion tests.</summary>
internal static class TestProducts
{
    public static Product Make(int index, string id, double grams, SoldBy soldBy = SoldBy.Unit, bool estimated = false, string coarse = "Milk") => new()
    {
        Id = id,
        ClassIndex = index,
        DisplayName = id.Replace('-', ' '),
        CoarseCategory = coarse,
        TopCategory = soldBy == SoldBy.Unit ? "Packages" : "Fruit",
        SoldBy = soldBy,
        UnitWeightGrams = grams,
        UnitWeightEstimated = estimated,
        Attributes = new ProductAttributes(),
        Description = "",
        Price = new DemoPrice { Amount = 10m, Per = soldBy == SoldBy.Unit ? PriceUnit.Unit : PriceUnit.Kilogram },
        IconicImage = "",
    };

    /// <summary>Milk 1 l carton, yoghurt cup, oat drink 1 l, loose apple, juice 1 l.</summary>
    public static ProductCatalog Catalog() => new(
    [
        Make(0, "Arla-Standard-Milk", 1062),
        Make(1, "Yoghurt-Cup", 160, coarse: "Yoghurt"),
        Make(2, "Oatly-Oat-Milk", 1050, coarse: "Oat-Milk"),
        Make(3, "Pink-Lady", 180, SoldBy.Weight, coarse: "Apple"),
        Make(4, "Bravo-Apple-Juice", 1085, coarse: "Juice"),
    ]);

    /// <summary>The same five products with brands on the packs (Arla, Yoggi, Oatly, Bravo), for label-text tests.</summary>
    public static ProductCatalog Branded() => new(
    [
        Make(0, "Arla-Standard-Milk", 1062) with { Brand = "Arla" },
        Make(1, "Yoghurt-Cup", 160, coarse: "Yoghurt") with { Brand = "Yoggi" },
        Make(2, "Oatly-Oat-Milk", 1050, coarse: "Oat-Milk") with { Brand = "Oatly" },
        Make(3, "Pink-Lady", 180, SoldBy.Weight, coarse: "Apple"),
        Make(4, "Bravo-Apple-Juice", 1085, coarse: "Juice") with { Brand = "Bravo" },
    ]);
}
