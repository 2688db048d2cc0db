using BasketReasoner.Core.Catalog;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// How a product is sold, from its texts: every package is sold per unit; loose produce is sold by weight, unless
/// its "Country and volume" states an exact weight without "ca" (e.g. asparagus "Peru, 250g"), which marks a
/// fixed-weight pack sold per unit.
/// </summary>
internal static class SoldByRule
{
    public static SoldBy Decide(bool isPackage, Quantity? quantity) =>
        isPackage || quantity is { Kind: QuantityKind.Mass, IsApproximate: false }
            ? SoldBy.Unit
            : SoldBy.Weight;
}
