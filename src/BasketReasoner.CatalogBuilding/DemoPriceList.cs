using System.Text.RegularExpressions;

using BasketReasoner.Core.Catalog;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Made-up but plausible Swedish store prices (SEK, roughly 2023 supermarket levels) for the demo. The dataset has
/// no prices; every price produced here has <see cref="DemoPrice.IsDemo"/> set. Deterministic: same texts, same price.
/// <list type="bullet">
/// <item>Packs: the category's price per litre or kilogram, scaled by size^0.8 (big packs are cheaper per litre), per unit.</item>
/// <item>Loose produce: the category's price per kilogram.</item>
/// <item>Fixed-weight produce packs: price per kilogram times the pack weight, per unit.</item>
/// <item>Organic +15 %, lactose-free +35 %, freshly pressed ("färskpressad") juice +30 %.</item>
/// <item>Rounded up to a whole krona and shown as x.90, as Swedish shelf prices usually are.</item>
/// </list>
/// </summary>
internal static partial class DemoPriceList
{
    /// <summary>SEK per litre or kilogram of a 1 l / 1 kg pack, by coarse category.</summary>
    private static readonly Dictionary<string, decimal> PackPerLitreOrKg = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Milk"] = 16m,
        ["Juice"] = 24m,
        ["Oat-Milk"] = 22m,
        ["Soy-Milk"] = 24m,
        ["Oatghurt"] = 30m,
        ["Soyghurt"] = 34m,
        ["Yoghurt"] = 24m,
        ["Sour-Milk"] = 17m,
        ["Sour-Cream"] = 45m,
    };

    private const decimal DefaultPackPerLitre = 25m;

    /// <summary>SEK per kilogram of loose produce, by coarse category.</summary>
    private static readonly Dictionary<string, decimal> ProducePerKg = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apple"] = 30m,
        ["Avocado"] = 70m,
        ["Banana"] = 25m,
        ["Kiwi"] = 45m,
        ["Lemon"] = 40m,
        ["Lime"] = 55m,
        ["Mango"] = 45m,
        ["Melon"] = 30m,
        ["Nectarine"] = 40m,
        ["Orange"] = 25m,
        ["Papaya"] = 60m,
        ["Passion-Fruit"] = 120m,
        ["Peach"] = 40m,
        ["Pear"] = 35m,
        ["Pineapple"] = 30m,
        ["Plum"] = 50m,
        ["Pomegranate"] = 50m,
        ["Red-Grapefruit"] = 30m,
        ["Satsumas"] = 35m,
        ["Asparagus"] = 160m,
        ["Aubergine"] = 40m,
        ["Cabbage"] = 15m,
        ["Carrots"] = 15m,
        ["Cucumber"] = 35m,
        ["Garlic"] = 90m,
        ["Ginger"] = 70m,
        ["Leek"] = 35m,
        ["Mushroom"] = 80m,
        ["Onion"] = 15m,
        ["Pepper"] = 50m,
        ["Potato"] = 15m,
        ["Red-Beet"] = 20m,
        ["Tomato"] = 40m,
        ["Zucchini"] = 35m,
    };

    /// <summary>Varieties priced far from their category (watermelon is sold much cheaper than sugar melons).</summary>
    private static readonly Dictionary<string, decimal> ProducePerKgByVariety = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Watermelon"] = 15m,
        ["Sweet-Potato"] = 30m,
    };

    private const decimal DefaultProducePerKg = 40m;

    [GeneratedRegex(@"färskpressad|freshly (?:pressed|squeezed)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FreshlyPressed();

    public static DemoPrice Price(
        string id, string coarseCategory, bool isPackage, SoldBy soldBy, Quantity? quantity, ProductAttributes attributes, string? title)
    {
        decimal amount;
        PriceUnit per;
        if (isPackage)
        {
            var perLitre = PackPerLitreOrKg.GetValueOrDefault(coarseCategory, DefaultPackPerLitre);
            var size = quantity is { } q ? q.Amount / 1000.0 : 1.0;
            amount = perLitre * (decimal)Math.Pow(size, 0.8);
            per = PriceUnit.Unit;
        }
        else
        {
            var perKg = ProducePerKgByVariety.TryGetValue(id, out var v) ? v : ProducePerKg.GetValueOrDefault(coarseCategory, DefaultProducePerKg);
            (amount, per) = soldBy == SoldBy.Unit && quantity is { Kind: QuantityKind.Mass } pack
                ? (perKg * (decimal)(pack.Amount / 1000.0), PriceUnit.Unit)
                : (perKg, PriceUnit.Kilogram);
        }

        if (attributes.Organic)
        {
            amount *= 1.15m;
        }

        if (attributes.LactoseFree)
        {
            amount *= 1.35m;
        }

        if (isPackage && title is not null && FreshlyPressed().IsMatch(title))
        {
            amount *= 1.30m;
        }

        return new DemoPrice { Amount = ShelfPrice(amount), Per = per };
    }

    /// <summary>Round up to a whole krona and end in .90 (16.00 → 15.90, 18.40 → 18.90).</summary>
    internal static decimal ShelfPrice(decimal amount) => Math.Max(Math.Ceiling(amount) - 0.10m, 0.90m);
}
