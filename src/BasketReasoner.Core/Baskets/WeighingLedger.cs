using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Core.Baskets;

/// <summary>
/// Measured grams per product, for pricing loose produce by weight. Each add keeps its settled delta as one unit's
/// weight; a removal with a settled delta takes out the unit whose weight is closest to it (the one that left the
/// cart), one without takes an unweighed unit first, else the unit nearest the average. Units whose delta never
/// settled, and units weighed implausibly for one unit of the product (under <see cref="MinPlausibleShare"/> of its
/// catalog weight: a scale glitch must not make an item free; over <see cref="MaxPlausibleShare"/> of it: a hand
/// leaning on the cart, or a glitch, must not charge a banana as 100 kg), are priced at the catalog weight and
/// flagged as estimates. Large produce commonly sold cut (<see cref="WeightFit.IsSoldCut"/>: melons, cabbage,
/// pineapple) is the exception below the band: a settled weight down to <see cref="WeightFit.MinCutShare"/> of a
/// piece is a cut piece and is charged by what it weighs (half a watermelon is not charged as a whole one). An add
/// is one unit (qty 1): a bag of several pieces weighing more than the upper share is charged as one unit too, an
/// undercharge the store accepts rather than an overcharge the shopper cannot see coming.
/// </summary>
public sealed class WeighingLedger
{
    /// <summary>A measured unit lighter than this share of the catalog unit weight is not believed: 0.2.</summary>
    public const double MinPlausibleShare = 0.2;

    /// <summary>A measured unit heavier than this multiple of the catalog unit weight is not believed either: 5.</summary>
    public const double MaxPlausibleShare = 5;

    private readonly Dictionary<string, (List<double> Weighed, int Unweighed)> _entries = new(StringComparer.Ordinal);

    public void RecordAdd(string productId, double? deltaGrams)
    {
        var e = Entry(productId);
        if (deltaGrams is { } d && d > 0 && double.IsFinite(d))
        {
            e.Weighed.Add(d);
        }
        else
        {
            _entries[productId] = (e.Weighed, e.Unweighed + 1);
        }
    }

    /// <param name="deltaGrams">The removal's settled weight change (negative), or null when it did not settle.</param>
    public void RecordRemove(string productId, double? deltaGrams = null)
    {
        if (!_entries.TryGetValue(productId, out var e))
        {
            return;
        }

        if (deltaGrams is { } d && double.IsFinite(d) && d < 0 && e.Weighed.Count > 0)
        {
            e.Weighed.RemoveAt(Nearest(e.Weighed, -d));
            return;
        }

        // Take out an unweighed unit first: that is the one whose weight we never knew.
        if (e.Unweighed > 0)
        {
            _entries[productId] = (e.Weighed, e.Unweighed - 1);
        }
        else if (e.Weighed.Count > 0)
        {
            e.Weighed.RemoveAt(Nearest(e.Weighed, e.Weighed.Average()));
        }
    }

    /// <summary>
    /// Whether one unit weighed <paramref name="grams"/> is believed (<see cref="WeightFit.Check"/>: a piece within the
    /// band, or a cut piece of produce sold cut): the rule <see cref="GramsFor"/> charges by, and the one a tile's price
    /// must use, so the price shown is the price charged.
    /// </summary>
    public static bool IsPlausible(Product product, double grams) =>
        double.IsFinite(grams) && grams > 0 && WeightFit.Check(product, grams).Fits;

    /// <summary>The grams one unit that weighed <paramref name="measured"/> is charged for: the measure when believed, else the catalog weight.</summary>
    public static double ChargedGrams(Product product, double? measured) =>
        measured is { } g && IsPlausible(product, g) ? g : product.UnitWeightGrams;

    /// <summary>
    /// The measured grams of the unit <see cref="RecordRemove"/> would take out for this removal (null: it would take an
    /// unweighed unit, or the product has none), so a removal's tile credits what the basket will stop charging.
    /// </summary>
    public double? UnitToRemove(string productId, double? deltaGrams = null)
    {
        if (!_entries.TryGetValue(productId, out var e) || e.Weighed.Count == 0)
        {
            return null;
        }

        if (deltaGrams is { } d && double.IsFinite(d) && d < 0)
        {
            return e.Weighed[Nearest(e.Weighed, -d)];
        }

        return e.Unweighed > 0 ? null : e.Weighed[Nearest(e.Weighed, e.Weighed.Average())];
    }

    /// <summary>How many units of the product the ledger holds whose weight never settled.</summary>
    public int Unweighed(string productId) => _entries.TryGetValue(productId, out var e) ? e.Unweighed : 0;

    /// <summary>An independent copy, for a reader outside the cart's writer (a shopper's question).</summary>
    public WeighingLedger Copy()
    {
        var copy = new WeighingLedger();
        foreach (var (product, entry) in _entries)
        {
            copy._entries[product] = ([.. entry.Weighed], entry.Unweighed);
        }

        return copy;
    }

    /// <summary>
    /// What <paramref name="qty"/> units of <paramref name="product"/> cost as the basket and the receipt charge them,
    /// through the one pricing rule (<see cref="Pricing.LineTotal(Product, int, double)"/>): loose produce by the grams
    /// <see cref="GramsFor"/> gives, packs per unit. Rounded once, for the whole line.
    /// </summary>
    public decimal LineTotal(Product product, int qty) =>
        product.Price.Per == PriceUnit.Kilogram ? Pricing.LineTotal(product, qty, GramsFor(product, qty).Grams) : Pricing.LineTotal(product, qty);

    /// <summary>
    /// What a removal of one unit of <paramref name="product"/> from a line of <paramref name="qty"/> units takes off the
    /// basket total: the line's total before minus its total after (<see cref="RecordRemove"/> with the removal's
    /// <paramref name="deltaGrams"/>), each rounded as the basket rounds a line. A removal's tile credits this, so the
    /// total changes by exactly the price the tile showed (a unit priced alone is rounded on its own and can be an öre off).
    /// </summary>
    public decimal RemovalCredit(Product product, int qty, double? deltaGrams)
    {
        if (qty <= 0)
        {
            return 0;
        }

        var after = Copy();
        after.RecordRemove(product.Id, deltaGrams);
        return LineTotal(product, qty) - after.LineTotal(product, qty - 1);
    }

    /// <summary>Grams to charge for <paramref name="qty"/> units, and whether any of it is the catalog's estimate.</summary>
    public (double Grams, bool Estimated) GramsFor(Product product, int qty)
    {
        var weighed = _entries.TryGetValue(product.Id, out var e)
            ? e.Weighed.Where(g => IsPlausible(product, g)).Take(Math.Max(0, qty)).ToList()
            : [];
        var missing = Math.Max(0, qty - weighed.Count);
        return (weighed.Sum() + (missing * product.UnitWeightGrams), missing > 0);
    }

    private (List<double> Weighed, int Unweighed) Entry(string productId)
    {
        if (!_entries.TryGetValue(productId, out var e))
        {
            e = ([], 0);
            _entries[productId] = e;
        }

        return e;
    }

    private static int Nearest(List<double> weights, double grams)
    {
        var best = 0;
        for (var i = 1; i < weights.Count; i++)
        {
            if (Math.Abs(weights[i] - grams) < Math.Abs(weights[best] - grams))
            {
                best = i;
            }
        }

        return best;
    }
}
