using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Core.Baskets;

/// <summary>
/// Measured grams per product, for pricing loose produce by weight. Each add keeps its settled delta as one unit's
/// weight; a removal with a settled delta takes out what it weighed (<see cref="PlanTake"/>: the units nearest it,
/// several when several left together, or part of one when part of a bunch did; <see cref="RecordRemove"/>, the unit
/// whose weight is closest, for records logged before that), one without takes an unweighed unit first, else the unit
/// nearest the average. Units whose delta never
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

    /// <summary>
    /// A part of a unit is left behind by a removal only when it weighs at least this share of a typical piece: 0.5.
    /// Less is the scale settling a few grams apart (or a crumb of a bunch), and the whole unit leaves as it always did.
    /// </summary>
    public const double MinRemnantShare = 0.5;

    /// <summary>
    /// What a removal that weighed <paramref name="grams"/> takes off the product's weighings, without changing them
    /// (<see cref="Take"/> applies it): the unit nearest what is left to explain, again and again, each taken whole
    /// when it is no heavier than what is left (or the same item, <see cref="WeightFit.SameItem"/>, or what would stay
    /// is under <see cref="MinRemnantShare"/> of a piece), else only the part that left (a bunch of five bananas, three
    /// taken out: the unit stays, lighter by what the scale measured). It stops once what is left is within
    /// <paramref name="slack"/> (the scale's settling), at <paramref name="maxUnits"/> whole units, or at a unit it cannot
    /// split: one whose weight never settled, or was not believed (its price is the catalog's, not its weight's).
    /// </summary>
    public WeighedTake PlanTake(Product product, double grams, int maxUnits, double slack)
    {
        ArgumentNullException.ThrowIfNull(product);
        var weighed = _entries.TryGetValue(product.Id, out var e) ? new List<double>(e.Weighed) : [];
        var unweighed = e.Weighed is null ? 0 : e.Unweighed;
        var typical = product.UnitWeightGrams;
        var units = new List<double?>();
        var left = grams;
        while (left > slack && units.Count < maxUnits && (weighed.Count > 0 || unweighed > 0))
        {
            var best = weighed.Count > 0 ? Nearest(weighed, left) : -1;
            var useUnweighed = unweighed > 0 && (best < 0 || Math.Abs(typical - left) < Math.Abs(weighed[best] - left));
            var g = useUnweighed ? typical : weighed[best];
            if (g <= left || WeightFit.SameItem(g, left) || g - left < MinRemnantShare * typical)
            {
                units.Add(useUnweighed ? null : g);
                if (useUnweighed)
                {
                    unweighed--;
                }
                else
                {
                    weighed.RemoveAt(best);
                }

                left -= g;
                continue;
            }

            if (!useUnweighed && IsPlausible(product, g))
            {
                return new WeighedTake(units, g, left);
            }

            break;
        }

        return new WeighedTake(units, null, 0);
    }

    /// <summary>Applies a <see cref="PlanTake"/> (as logged): its whole units leave, and the unit it took a part of is that much lighter.</summary>
    public void Take(string productId, WeighedTake take)
    {
        ArgumentNullException.ThrowIfNull(take);
        if (!_entries.TryGetValue(productId, out var e))
        {
            return;
        }

        var unweighed = e.Unweighed;
        foreach (var unit in take.Units)
        {
            if (unit is { } g && e.Weighed.Count > 0)
            {
                e.Weighed.RemoveAt(IndexOf(e.Weighed, g));
            }
            else if (unweighed > 0)
            {
                unweighed--;
            }
        }

        if (take.PartOf is { } whole && e.Weighed.Count > 0)
        {
            e.Weighed[IndexOf(e.Weighed, whole)] = whole - take.Part;
        }

        _entries[productId] = (e.Weighed, unweighed);
    }

    /// <summary>What applying <paramref name="take"/> to a line of <paramref name="qty"/> units takes off the basket total: the line before minus after, each rounded as the basket rounds a line.</summary>
    public decimal TakeCredit(Product product, int qty, WeighedTake take)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(take);
        var after = Copy();
        after.Take(product.Id, take);
        return LineTotal(product, qty) - after.LineTotal(product, Math.Max(0, qty - take.Units.Count));
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

    // The logged weighing itself (doubles round-trip exactly through the log), else the nearest one.
    private static int IndexOf(List<double> weights, double grams) => weights.IndexOf(grams) is var i and >= 0 ? i : Nearest(weights, grams);

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

/// <summary>What a removal by weight takes off one product's weighings (<see cref="WeighingLedger.PlanTake"/>).</summary>
/// <param name="Units">The units taken out whole, each as it was weighed (null: one whose weight never settled).</param>
/// <param name="PartOf">The weighing of the unit only part of which left (it stays, lighter by <paramref name="Part"/>), or null.</param>
/// <param name="Part">The grams that left of <paramref name="PartOf"/>.</param>
public sealed record WeighedTake(IReadOnlyList<double?> Units, double? PartOf, double Part)
{
    /// <summary>The grams the line's weighing loses: the whole units (the catalog's weight for one never weighed) and the part.</summary>
    public double Grams(Product product) => Units.Sum(u => u ?? product.UnitWeightGrams) + Part;
}
