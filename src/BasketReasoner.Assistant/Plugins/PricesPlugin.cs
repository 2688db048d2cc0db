using System.ComponentModel;
using BasketReasoner.Core.Catalog;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant.Plugins;

/// <summary>
/// Read-only prices and cheaper alternatives. The comparable price is per kilogram for produce sold by weight, per
/// litre for packs with a declared volume, per kilogram for packs with a declared net weight, else per unit; an
/// alternative is a product of the same coarse category whose comparable price, in the same comparable unit, is
/// strictly lower.
/// </summary>
public sealed class PricesPlugin(ProductCatalog catalog)
{
    [KernelFunction("get_price"), Description("A product's demo shelf price and its price per kg, litre or unit. Null when the id is unknown.")]
    public PriceFact? GetPrice([Description("Store product id")] string productId) =>
        catalog.TryGet(productId, out var p) ? PriceOf(p) : null;

    [KernelFunction("cheaper_alternatives"), Description("Products of the same category with a lower price per comparable unit, cheapest first.")]
    public IReadOnlyList<PriceFact> CheaperAlternatives([Description("Store product id")] string productId)
    {
        if (!catalog.TryGet(productId, out var product))
        {
            return [];
        }

        var reference = PriceOf(product);
        return catalog.Products
            .Where(p => p.Id != product.Id && SameKind(p.CoarseCategory, product.CoarseCategory))
            .Select(PriceOf)
            .Where(f => f.ComparableUnit == reference.ComparableUnit && f.ComparablePrice < reference.ComparablePrice)
            .OrderBy(f => f.ComparablePrice)
            .ThenBy(f => f.ProductId, StringComparer.Ordinal)
            .ToArray();
    }

    [KernelFunction("price_quantity"), Description("What an amount of a product costs at its demo price, by the same rule as the receipt: a number of pieces (loose produce at the catalog's typical weight per piece), grams (produce sold by weight, or whole packs of a declared net weight) or millilitres (whole packs of a declared volume). Total is null when the amount cannot be priced that way (Basis says why). Null when the id is unknown.")]
    public QuantityPriceFact? PriceQuantity(
        [Description("Store product id")] string productId,
        [Description("The amount, in the unit given")] double amount,
        [Description("pieces, grams or millilitres")] string unit)
    {
        if (!catalog.TryGet(productId, out var p) || !double.IsFinite(amount) || amount <= 0)
        {
            return null;
        }

        var currency = p.Price.Currency;
        var perText = $"{p.Price.Amount:0.00} {currency} {(p.Price.Per == PriceUnit.Kilogram ? "per kg" : "per unit")}";
        switch (unit)
        {
            case "grams" when p.Price.Per == PriceUnit.Kilogram:
                return new QuantityPriceFact(p.Id, Pricing.LineTotal(p, 1, amount), currency, false, perText);
            case "pieces" when amount == Math.Floor(amount) && amount <= int.MaxValue:
                var pieces = (int)amount;
                return p.Price.Per == PriceUnit.Kilogram
                    ? new QuantityPriceFact(p.Id, Pricing.LineTotal(p, pieces), currency, true, $"{perText}, about {pieces * p.UnitWeightGrams:0.#} g at about {p.UnitWeightGrams:0.#} g each")
                    : new QuantityPriceFact(p.Id, Pricing.LineTotal(p, pieces), currency, false, $"{perText}");
        }

        // A unit product asked by weight or volume: whole packs only, else its price per kg or litre.
        var pack = unit switch { "grams" => p.NetWeightGrams, "millilitres" => p.VolumeMl, _ => null };
        var packs = pack is > 0 ? amount / pack.Value : double.NaN;
        if (double.IsFinite(packs) && Math.Abs(packs - Math.Round(packs)) < 1e-9 && packs >= 1)
        {
            var n = (int)Math.Round(packs);
            return new QuantityPriceFact(p.Id, Pricing.LineTotal(p, n), currency, false, $"{n} × {pack:0.#} {(unit == "grams" ? "g" : "ml")} at {perText}");
        }

        var f = PriceOf(p);
        var sold = p.Price.Per == PriceUnit.Kilogram ? "it is sold by weight" : $"it is sold per unit ({perText}{(pack is > 0 ? $" for {pack:0.#} {(unit == "grams" ? "g" : "ml")}" : string.Empty)}; {f.ComparablePrice:0.00} {currency} per {f.ComparableUnit})";
        return new QuantityPriceFact(p.Id, null, currency, false, sold);
    }

    // The same coarse category, or plant drinks (oat, soy) and plant yoghurts together: a cheaper soy drink is an
    // alternative to an oat drink, not to a dairy milk.
    private static readonly string[][] s_kinds = [["Oat-Milk", "Soy-Milk"], ["Oatghurt", "Soyghurt"]];

    private static bool SameKind(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) || s_kinds.Any(k => k.Contains(a, StringComparer.OrdinalIgnoreCase) && k.Contains(b, StringComparer.OrdinalIgnoreCase));

    internal static PriceFact PriceOf(Product p)
    {
        var (comparable, unit) = p.Price.Per == PriceUnit.Kilogram ? (p.Price.Amount, "kg")
            : p.VolumeMl is > 0 and var ml ? (Math.Round(p.Price.Amount * 1000m / (decimal)ml, 2, MidpointRounding.AwayFromZero), "litre")
            : p.NetWeightGrams is > 0 and var g ? (Math.Round(p.Price.Amount * 1000m / (decimal)g, 2, MidpointRounding.AwayFromZero), "kg")
            : (p.Price.Amount, "unit");
        return new PriceFact(p.Id, p.DisplayName, p.CoarseCategory, p.Price.Amount, p.Price.Currency, p.Price.Per, comparable, unit, p.Price.IsDemo)
        {
            PricePerPiece = Pricing.UnitPrice(p),
            PieceGrams = p.UnitWeightGrams,
        };
    }
}
