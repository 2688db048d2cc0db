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
            .Where(p => p.Id != product.Id && p.CoarseCategory.Equals(product.CoarseCategory, StringComparison.OrdinalIgnoreCase))
            .Select(PriceOf)
            .Where(f => f.ComparableUnit == reference.ComparableUnit && f.ComparablePrice < reference.ComparablePrice)
            .OrderBy(f => f.ComparablePrice)
            .ThenBy(f => f.ProductId, StringComparer.Ordinal)
            .ToArray();
    }

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
