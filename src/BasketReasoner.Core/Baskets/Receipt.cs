using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Core.Baskets;

/// <summary>One receipt line. <see cref="Grams"/> is set for products sold by weight.</summary>
public sealed record ReceiptLine(string ProductId, string DisplayName, int Qty, double? Grams, bool GramsEstimated, decimal UnitPrice, PriceUnit Per, decimal Total);

/// <summary>
/// A priced basket. Products sold by weight are charged for what the scale measured (the sum of their settled
/// deltas); when a delta was missing the catalog's unit weight stands in and the line says so. All prices are the
/// catalog's demo prices.
/// </summary>
public sealed record Receipt(IReadOnlyList<ReceiptLine> Lines, decimal Total, string Currency)
{
    public static Receipt Build(ProductCatalog catalog, IEnumerable<BasketLine> basket, WeighingLedger ledger)
    {
        var lines = new List<ReceiptLine>();
        var currency = "SEK";
        foreach (var line in basket)
        {
            var product = catalog.Get(line.Product);
            currency = product.Price.Currency;
            if (product.Price.Per == PriceUnit.Kilogram)
            {
                var (grams, estimated) = ledger.GramsFor(product, line.Qty);
                lines.Add(new ReceiptLine(
                    product.Id, product.ShopperFacingName, line.Qty, grams, estimated, product.Price.Amount, PriceUnit.Kilogram, Pricing.LineTotal(product, line.Qty, grams)));
            }
            else
            {
                lines.Add(new ReceiptLine(product.Id, product.ShopperFacingName, line.Qty, null, false, product.Price.Amount, PriceUnit.Unit, Pricing.LineTotal(product, line.Qty)));
            }
        }

        return new Receipt(lines, lines.Sum(l => l.Total), currency);
    }
}
