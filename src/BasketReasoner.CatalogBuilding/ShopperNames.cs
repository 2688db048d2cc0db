using BasketReasoner.Core.Catalog;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// The names a shopper reads (<c>shopper_name</c>, <c>pack_name</c> in the catalog): one display language
/// (English), the pack's own words as secondary text where they say something else, and numbers written one way
/// (1.5%, not 1,5%). The dataset's titles mix Swedish pack text with translations, some wrong: "mellanmjölk" is
/// semi-skimmed (medium-fat) milk, not skimmed milk, and "standardmjölk" is whole milk. Products not listed are
/// already English in the dataset (loose produce) and keep their title.
/// </summary>
internal static class ShopperNames
{
    // id -> (English name, pack name): a null pack name is the catalog's display name (the pack's own words), an empty one none.
    private static readonly Dictionary<string, (string English, string? Pack)> Table = new(StringComparer.Ordinal)
    {
        ["Bravo-Apple-Juice"] = ("Bravo apple juice", null),
        ["Bravo-Orange-Juice"] = ("Bravo orange juice, ready to drink", null),
        ["God-Morgon-Apple-Juice"] = ("God Morgon apple juice with pulp, from concentrate", null),
        ["God-Morgon-Orange-Juice"] = ("God Morgon orange juice", null),
        ["God-Morgon-Orange-Red-Grapefruit-Juice"] = ("God Morgon orange and blood grapefruit juice with pulp", null),
        ["God-Morgon-Red-Grapefruit-Juice"] = ("God Morgon blood grapefruit juice with pulp", null),
        ["Tropicana-Apple-Juice"] = ("Tropicana apple juice, freshly squeezed", null),
        ["Tropicana-Golden-Grapefruit"] = ("Tropicana Golden Grapefruit juice, freshly squeezed", null),
        ["Tropicana-Juice-Smooth"] = ("Tropicana Smooth Style orange juice without pulp", null),
        ["Tropicana-Mandarin-Morning"] = ("Tropicana Mandarin Morning juice (mandarin, orange, grape)", null),
        ["Arla-Ecological-Medium-Fat-Milk"] = ("Arla organic semi-skimmed milk 1.5%", "Arla Ekologisk Mellanmjölk 1.5%"),
        ["Arla-Lactose-Medium-Fat-Milk"] = ("Arla lactose-free semi-skimmed milk 1.5%", "Arla Laktosfri Mellanmjölk 1.5%"),
        ["Arla-Medium-Fat-Milk"] = ("Arla semi-skimmed milk 1.5%", "Arla Mellanmjölk 1.5%"),
        ["Arla-Standard-Milk"] = ("Arla whole milk 3%", null),
        ["Garant-Ecological-Medium-Fat-Milk"] = ("Garant organic semi-skimmed milk 1.5%", null),
        ["Garant-Ecological-Standard-Milk"] = ("Garant organic whole milk 3%", null),
        ["Oatly-Natural-Oatghurt"] = ("Oatly natural oat yoghurt", null),
        ["Oatly-Oat-Milk"] = ("Oatly oat drink, enriched, chilled", null),
        ["Arla-Ecological-Sour-Cream"] = ("Arla organic sour cream 12%", null),
        ["Arla-Sour-Cream"] = ("Arla sour cream 12%", null),
        ["Arla-Sour-Milk"] = ("Arla soured milk 3%", null),
        ["Alpro-Blueberry-Soyghurt"] = ("Alpro blueberry soy yoghurt", null),
        ["Alpro-Vanilla-Soyghurt"] = ("Alpro mild & creamy vanilla soy yoghurt", null),
        ["Alpro-Fresh-Soy-Milk"] = ("Alpro soy drink with calcium, chilled", null),
        ["Alpro-Shelf-Soy-Milk"] = ("Alpro soy drink with calcium, long-life", null),
        ["Arla-Mild-Vanilla-Yoghurt"] = ("Arla mild vanilla yoghurt", null),
        ["Arla-Natural-Mild-Low-Fat-Yoghurt"] = ("Arla mild low-fat natural yoghurt 0.5%", null),
        ["Arla-Natural-Yoghurt"] = ("Arla natural yoghurt", null),
        ["Valio-Vanilla-Yoghurt"] = ("Valio vanilla yoghurt 2%", null),
        ["Yoggi-Strawberry-Yoghurt"] = ("Yoggi strawberry yoghurt 2%", null),
        ["Yoggi-Vanilla-Yoghurt"] = ("Yoggi Madagascar vanilla yoghurt 2%", null),
        ["Banana"] = ("Banana, organic", string.Empty),
    };

    /// <summary>The shopper name and the pack name (or <c>null</c>) for the product <paramref name="id"/> titled <paramref name="title"/>.</summary>
    public static (string Name, string? Pack) For(string id, string title)
    {
        var pack = ShopperText.DecimalPoints(title);
        if (!Table.TryGetValue(id, out var n))
        {
            return (pack, null);
        }

        pack = n.Pack ?? pack;
        return (n.English, pack.Length == 0 || pack.Equals(n.English, StringComparison.OrdinalIgnoreCase) ? null : pack);
    }
}
