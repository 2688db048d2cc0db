namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Gross weight of one unit as the cart's scale sees it.
/// <list type="bullet">
/// <item>Packs: declared net content (volumes times the density below) plus the empty pack's weight.</item>
/// <item>Loose produce: the information file's "ca 180g" per piece.</item>
/// <item>Produce whose texts give no weight: a typical whole-piece weight from <see cref="TypicalPieceGrams"/>, flagged estimated.</item>
/// </list>
/// </summary>
internal static class UnitWeightEstimator
{
    /// <summary>
    /// Density in g/ml by coarse category. Milk ≈ 1.03, juice ≈ 1.04 (sugars), yoghurt and sour milk ≈ 1.04–1.05,
    /// plant drinks ≈ 1.03 (standard food-science values, rounded); sour cream is aerated enough to sit near 1.0.
    /// </summary>
    private static readonly Dictionary<string, double> Density = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Milk"] = 1.03,
        ["Juice"] = 1.04,
        ["Yoghurt"] = 1.05,
        ["Sour-Milk"] = 1.04,
        ["Sour-Cream"] = 1.00,
        ["Oat-Milk"] = 1.03,
        ["Soy-Milk"] = 1.03,
        ["Oatghurt"] = 1.04,
        ["Soyghurt"] = 1.04,
    };

    private const double DefaultDensity = 1.03;

    /// <summary>
    /// Empty-pack weight by net content (g or ml, upper bound inclusive). Own estimates of typical Swedish dairy/juice
    /// packs: a 1 l gable-top or brick carton with cap weighs about 28–32 g, a 1.5 l about 40 g, a 2 l about 55 g, a
    /// 3 dl sour-cream carton about 12 g, a 500 g cup about 20 g, a 750 g tub about 25 g.
    /// </summary>
    private static readonly (double UpTo, double Grams)[] PackagingGrams =
    [
        (350, 12),
        (600, 20),
        (800, 25),
        (1100, 30),
        (1600, 40),
        (double.MaxValue, 55),
    ];

    /// <summary>A fixed-weight produce pack (asparagus bundle with band or tray) adds a few grams of wrapping.</summary>
    private const double ProducePackGrams = 5;

    /// <summary>
    /// Typical whole-piece weight in grams for produce whose texts give none (in the dataset those are the ones the
    /// store sells per piece). Rounded "one medium piece" weights as in common portion-size tables such as USDA
    /// FoodData Central, adjusted to Swedish retail sizes; not measured, hence flagged estimated.
    /// </summary>
    internal static readonly Dictionary<string, double> TypicalPieceGrams = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Avocado"] = 200,
        ["Kiwi"] = 80,
        ["Lemon"] = 120,
        ["Lime"] = 70,
        ["Mango"] = 400,
        ["Papaya"] = 450,
        ["Passion-Fruit"] = 40,
        ["Pineapple"] = 1200,
        ["Red-Grapefruit"] = 350,
        ["Aubergine"] = 300,
        ["Cucumber"] = 350,
        ["Mushroom"] = 20,
        ["Potato"] = 120,
        ["Zucchini"] = 250,
    };

    /// <summary>Fallback when neither the texts nor the table above know the piece.</summary>
    private const double UnknownPieceGrams = 150;

    /// <summary>Fallback for a pack without a declared content: a 1 l carton of milk.</summary>
    private const double UnknownPackNetGrams = 1000 * DefaultDensity;

    public static double NetGrams(Quantity quantity, string coarseCategory) =>
        quantity.Kind == QuantityKind.Mass
            ? quantity.Amount
            : quantity.Amount * Density.GetValueOrDefault(coarseCategory, DefaultDensity);

    public static double Packaging(double netContent) => PackagingGrams.First(p => netContent <= p.UpTo).Grams;

    public static UnitWeight Estimate(Quantity? quantity, string coarseCategory, bool isPackage)
    {
        if (isPackage)
        {
            if (quantity is not { } q)
            {
                return new UnitWeight(UnknownPackNetGrams + Packaging(1000), Estimated: true);
            }

            // Size the pack by its declared content (1 kg of yoghurt comes in the same carton as 1 l).
            return new UnitWeight(Math.Round(NetGrams(q, coarseCategory) + Packaging(q.Amount), 1), Estimated: false);
        }

        if (quantity is { Kind: QuantityKind.Mass } piece)
        {
            return new UnitWeight(piece.IsApproximate ? piece.Amount : piece.Amount + ProducePackGrams, Estimated: false);
        }

        return new UnitWeight(TypicalPieceGrams.GetValueOrDefault(coarseCategory, UnknownPieceGrams), Estimated: true);
    }
}
