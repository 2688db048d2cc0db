using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Core.Baskets;

/// <summary>
/// Measured grams per product, for pricing loose produce by weight: adds count their settled delta, removals take
/// away the average weight of a unit still in the cart. Units whose delta never settled are tracked separately
/// and priced at the catalog weight.
/// </summary>
public sealed class WeighingLedger
{
    private readonly Dictionary<string, (double Grams, int Weighed, int Unweighed)> _entries = new(StringComparer.Ordinal);

    public void RecordAdd(string productId, double? deltaGrams)
    {
        var (g, w, u) = _entries.GetValueOrDefault(productId);
        _entries[productId] = deltaGrams is { } d && d > 0 && double.IsFinite(d) ? (g + d, w + 1, u) : (g, w, u + 1);
    }

    public void RecordRemove(string productId)
    {
        if (!_entries.TryGetValue(productId, out var e))
        {
            return;
        }

        // Take out an unweighed unit first: that is the one whose weight we never knew.
        _entries[productId] = e.Unweighed > 0
            ? (e.Grams, e.Weighed, e.Unweighed - 1)
            : e.Weighed > 0 ? (e.Grams - (e.Grams / e.Weighed), e.Weighed - 1, 0) : e;
    }

    /// <summary>An independent copy, for a reader outside the cart's writer (a shopper's question).</summary>
    public WeighingLedger Copy()
    {
        var copy = new WeighingLedger();
        foreach (var (product, entry) in _entries)
        {
            copy._entries[product] = entry;
        }

        return copy;
    }

    /// <summary>Grams to charge for <paramref name="qty"/> units, and whether any of it is the catalog's estimate.</summary>
    public (double Grams, bool Estimated) GramsFor(Product product, int qty)
    {
        var (g, w, u) = _entries.GetValueOrDefault(product.Id);
        var missing = Math.Max(0, qty - w - u) + u;
        return (g + (missing * product.UnitWeightGrams), missing > 0);
    }
}
