using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Server.Api;

namespace BasketReasoner.Server.Carts;

/// <summary>Baskets and candidates as the API and the screen show them, priced with the catalog's demo prices through
/// the one pricing rule (<see cref="Pricing"/>).</summary>
internal sealed class CartViews(ProductCatalog catalog)
{
    public BasketView View(CartState cart)
    {
        var lines = new List<BasketLineView>();
        decimal total = 0;
        var currency = "SEK";
        foreach (var line in cart.Basket.Lines())
        {
            var product = catalog.TryGet(line.Product, out var p) ? p : null;
            currency = product?.Price.Currency ?? currency;
            if (product is { Price.Per: PriceUnit.Kilogram })
            {
                // Loose produce: the price per kg times what the scale measured for these units (the catalog's
                // typical weight only for a unit whose weight never settled), as the receipt charges it.
                var (grams, estimated) = cart.Weighing.GramsFor(product, line.Qty);
                var byWeight = Pricing.LineTotal(product, line.Qty, grams);
                total += byWeight;
                lines.Add(new BasketLineView(line.Product, product.ShopperFacingName, line.Qty, product.Price.Amount, Per(product), byWeight, ImageUrl(line.Product))
                {
                    PackName = product.PackName,
                    Grams = Math.Round(grams, 1),
                    GramsEstimated = estimated,
                });
                continue;
            }

            var lineTotal = product is null ? 0m : Pricing.LineTotal(product, line.Qty);
            total += lineTotal;
            lines.Add(new BasketLineView(line.Product, product?.ShopperFacingName ?? line.Product, line.Qty, product is null ? 0m : Pricing.UnitPrice(product),
                Per(product), lineTotal, ImageUrl(line.Product)) { PackName = product?.PackName });
        }

        return new BasketView(cart.Id, lines, total, currency, true, cart.Basket.TotalQuantity, cart.Pending.ToArray()) { Unbilled = cart.Unbilled.ToArray(), Unreconciled = cart.Unreconciled.ToArray() };
    }

    /// <param name="productId">The candidate product.</param>
    /// <param name="posterior">Fusion's probability for it.</param>
    /// <param name="measuredGrams">An add's settled weight: loose produce is priced by it, as the basket line will be.</param>
    public CandidateView Candidate(string productId, double posterior, double? measuredGrams = null)
    {
        var product = catalog.TryGet(productId, out var p) ? p : null;
        var (price, units) = product is null ? (0m, 1) : PriceAt(product, measuredGrams);
        return new CandidateView(productId, product?.ShopperFacingName ?? productId, posterior, price,
            product?.Price.Currency ?? "SEK", Per(product), ImageUrl(productId), product?.Price.Amount ?? 0) { PackName = product?.PackName, Quantity = units };
    }

    /// <summary>
    /// What tapping <paramref name="product"/> for an add that weighed <paramref name="measuredGrams"/> charges, and for
    /// how many units: the ledger's own rule for loose produce (an implausible weighing is charged at the catalog
    /// weight), the whole number of packs the weight fits for a pack (<see cref="WeightFit.Units"/>). So a tile's and a
    /// picker's price is what the basket will charge once the shopper taps it.
    /// </summary>
    public static (decimal Price, int Units) PriceAt(Product product, double? measuredGrams)
    {
        if (product.Price.Per == PriceUnit.Kilogram)
        {
            return (Pricing.LineTotal(product, 1, WeighingLedger.ChargedGrams(product, measuredGrams)), 1);
        }

        var units = WeightFit.Units(product, measuredGrams);
        return (Pricing.LineTotal(product, units), units);
    }

    /// <summary>
    /// A removal's tile for a basket line: priced at what the removal takes off the basket's total (the line before
    /// minus the line after, as <paramref name="taken"/> changes it: several packs, or the grams of loose produce
    /// through <see cref="WeighingLedger.TakeCredit"/>), so the tile says exactly what the total changes by once it is tapped.
    /// </summary>
    /// <param name="cart">The cart whose basket line and weighings the removal would change.</param>
    /// <param name="productId">The line's product.</param>
    /// <param name="posterior">Fusion's probability for it.</param>
    /// <param name="removedGrams">The removal's settled weight change (negative), or null.</param>
    /// <param name="taken">What the removal would take out (<see cref="Removals.Plan"/>).</param>
    public CandidateView RemovalTile(CartState cart, string productId, double posterior, double? removedGrams, TakenOut taken)
    {
        var tile = Candidate(productId, posterior);
        if (!catalog.TryGet(productId, out var product))
        {
            return tile;
        }

        var held = cart.Basket.Count(productId);
        if (taken.UnitGrams is { } units)
        {
            return tile with { Price = cart.Weighing.TakeCredit(product, held, new WeighedTake(units, taken.PartOfG, taken.PartG ?? 0)) };
        }

        return product.IsLoose || taken.Units <= 1
            ? tile with { Price = cart.Weighing.RemovalCredit(product, held, removedGrams) }
            : tile with { Price = Pricing.LineTotal(product, held) - Pricing.LineTotal(product, held - taken.Units), Quantity = taken.Units };
    }

    /// <param name="product">The store product.</param>
    /// <param name="measuredGrams">The weight of the add the picker answers, when known: priced as its tile would be (<see cref="PriceAt"/>).</param>
    public ProductView Listing(Product product, double? measuredGrams = null)
    {
        var (price, units) = measuredGrams is null ? (Pricing.UnitPrice(product), 1) : PriceAt(product, measuredGrams);
        return new(product.Id, product.ShopperFacingName, product.CoarseCategory, product.TopCategory, price,
            product.Price.Currency, Per(product), product.Price.Amount, ImageUrl(product.Id)) { PackName = product.PackName, Quantity = units };
    }

    /// <summary>The catalog's product, or null for an id it does not know.</summary>
    public Product? Product(string productId) => catalog.TryGet(productId, out var p) ? p : null;

    private static string Per(Product? product) => product?.Price.Per.ToString().ToLowerInvariant() ?? "unit";

    private static string ImageUrl(string productId) => $"/v1/products/{Uri.EscapeDataString(productId)}/image";
}
