namespace BasketReasoner.Core.Catalog;

/// <summary>
/// The one pricing rule, used by the receipt, the cart service and the assistant: packaged goods cost their unit
/// price per unit; loose produce costs its per-kg price times the weight the scale measured (or, where the scale gave
/// none, the catalog's unit weight per piece). Totals are rounded to cents, half away from zero.
/// </summary>
public static class Pricing
{
    /// <summary>What <paramref name="qty"/> units of <paramref name="product"/> cost; <paramref name="grams"/> is the measured weight of all of them, used only for loose produce.</summary>
    public static decimal LineTotal(Product product, int qty, double grams) =>
        product.Price.Per == PriceUnit.Kilogram
            ? Math.Round(product.Price.Amount * (decimal)grams / 1000m, 2, MidpointRounding.AwayFromZero)
            : product.Price.Amount * qty;

    /// <summary>What <paramref name="qty"/> units cost when nothing was weighed: loose produce at the catalog's unit weight per piece.</summary>
    public static decimal LineTotal(Product product, int qty) => LineTotal(product, qty, qty * product.UnitWeightGrams);

    /// <summary>The price of one unit as the cart counts units (one pack, or one typical piece of loose produce).</summary>
    public static decimal UnitPrice(Product product) => LineTotal(product, 1);
}
