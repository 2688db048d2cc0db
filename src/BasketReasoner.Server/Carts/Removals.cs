using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Server.Api;

namespace BasketReasoner.Server.Carts;

/// <summary>
/// What a removal of one product takes out: what its weight explains, across the basket's line and the adds of that
/// product still open from before it. Packs by whole packs (<see cref="WeightFit.Units"/>): four cartons out are four,
/// from the line and, for what the line does not hold, from open adds (a pending add of two cartons, one taken out,
/// stays open for the other). Loose produce by the grams the scale measured (<see cref="WeighingLedger.PlanTake"/>):
/// three bananas out together are three units, three of a five-banana bunch leave the bunch's line lighter. What the
/// removal weighed beyond all that is kept in sight (<see cref="TakenOut.UnexplainedG"/>), never dropped. Planned on the
/// live state (<see cref="Plan"/>), logged, then applied from the record (<see cref="Apply"/>), live and in replay.
/// </summary>
internal static class Removals
{
    /// <summary>
    /// The plan for a removal (log order <paramref name="order"/>) of <paramref name="product"/> that weighed
    /// <paramref name="removedGrams"/>, or null when the cart held none of it before the removal (no line, no open add).
    /// </summary>
    /// <param name="cart">The cart (its weighing ledger and open adds).</param>
    /// <param name="held">The basket as the removal may take from it (<see cref="CartState.BasketBefore"/>).</param>
    /// <param name="product">The product taken out.</param>
    /// <param name="removedGrams">The removal's settled weight change (negative), or null.</param>
    /// <param name="order">The removal's log order.</param>
    /// <param name="first">
    /// An open add whose weight explains the removal better than the basket's line does (the caller's rule): taken
    /// first. Otherwise the line goes first: an open add's product is not known yet, and it stays open for the shopper.
    /// </param>
    public static TakenOut? Plan(CartState cart, Basket held, Product product, double? removedGrams, int order, EventResult? first)
    {
        var offering = OpenAdds.Offering(cart, product.Id, removedGrams, order);
        var lineHeld = held.Count(product.Id);
        if (lineHeld == 0 && offering.Count == 0)
        {
            return null;
        }

        var adds = first is null ? offering : [first, .. offering.Where(a => a.EventId != first.EventId)];
        var lineFirst = first is null;
        var settled = removedGrams is { } r && double.IsFinite(r) && r < 0 ? -r : (double?)null;
        return product.IsLoose && settled is { } grams
            ? Weighed(cart, product, grams, lineHeld, adds, lineFirst)
            : Packs(product, removedGrams, lineHeld, adds, lineFirst);
    }

    // Whole packs: as many as the weight fits (one when it did not settle or fits no whole number), from the line and
    // the open adds, each add by the packs it weighed; the last one touched keeps what was not taken of it.
    private static TakenOut Packs(Product product, double? removedGrams, int lineHeld, IReadOnlyList<EventResult> adds, bool lineFirst)
    {
        var packs = WeightFit.Units(product, removedGrams);
        var whole = !product.IsLoose && removedGrams is { } d && WeightFit.Check(product, d).Kind == WeightFitKind.Fits;
        var left = packs;
        var units = 0;
        var closed = new List<string>();
        (string Id, double Grams)? reduced = null;

        void FromLine()
        {
            units = Math.Min(lineHeld, left);
            left -= units;
        }

        if (lineFirst)
        {
            FromLine();
        }

        foreach (var add in adds)
        {
            if (left == 0)
            {
                break;
            }

            var inAdd = product.IsLoose ? 1 : WeightFit.Units(product, add.WeightDeltaG);
            if (inAdd <= left)
            {
                closed.Add(add.EventId);
                left -= inAdd;
            }
            else
            {
                // Part of a multi-pack add came back out: it keeps the packs that are still in the cart.
                reduced = (add.EventId, add.WeightDeltaG!.Value * (inAdd - left) / inAdd);
                left = 0;
            }

            if (!lineFirst && left > 0 && units == 0)
            {
                FromLine();
            }
        }

        if (!lineFirst && units == 0 && left > 0)
        {
            FromLine();
        }

        return new TakenOut
        {
            Units = units,
            ClosedEventIds = closed,
            ReducedEventId = reduced?.Id,
            ReducedToG = reduced?.Grams,
            // More whole packs than the line and the open adds held: the rest left the cart beyond the bill.
            UnexplainedG = whole && left > 0 ? Math.Round(left * Math.Abs(removedGrams!.Value) / packs, 1) : null,
        };
    }

    // Loose produce by weight: the grams the scale measured come off the line (whole units and a part of one) and the
    // open adds (each its own weighing, a part of one kept open), until what is left is within the scale's settling.
    private static TakenOut Weighed(CartState cart, Product product, double grams, int lineHeld, IReadOnlyList<EventResult> adds, bool lineFirst)
    {
        var slack = Math.Max(15, 0.15 * grams);
        var left = grams;
        WeighedTake? line = null;
        var closed = new List<string>();
        (string Id, double Grams)? reduced = null;

        void FromLine()
        {
            if (line is null && lineHeld > 0 && left > slack)
            {
                line = cart.Weighing.PlanTake(product, left, lineHeld, slack);
                left -= line.Grams(product);
            }
        }

        if (lineFirst)
        {
            FromLine();
        }

        foreach (var add in adds)
        {
            if (left <= slack)
            {
                break;
            }

            var weighed = add.WeightDeltaG is { } w && double.IsFinite(w) && w > 0 ? w : (double?)null;
            var inAdd = weighed ?? product.UnitWeightGrams;
            if (inAdd <= left || WeightFit.SameItem(inAdd, left) || inAdd - left < WeighingLedger.MinRemnantShare * product.UnitWeightGrams)
            {
                closed.Add(add.EventId);
                left -= inAdd;
            }
            else if (weighed is { } g)
            {
                // Part of the add's weighing came back out: it stays open, weighing what is still in the cart.
                reduced = (add.EventId, Math.Round(g - left, 1));
                left = 0;
            }
            else
            {
                break; // An add that never weighed cannot be split.
            }

            if (!lineFirst)
            {
                FromLine();
            }
        }

        FromLine();
        var taken = line is { } t && (t.Units.Count > 0 || t.PartOf is not null) ? t : null;
        return new TakenOut
        {
            Units = taken?.Units.Count ?? 0,
            Grams = taken is null ? null : Math.Round(taken.Grams(product), 1),
            UnitGrams = taken?.Units,
            PartOfG = taken?.PartOf,
            PartG = taken?.PartOf is null ? null : taken.Part,
            ClosedEventIds = closed,
            ReducedEventId = reduced?.Id,
            ReducedToG = reduced?.Grams,
            UnexplainedG = left > slack ? Math.Round(left, 1) : null,
        };
    }

    /// <summary>Whether the plan takes anything off the basket line (so the removal's <c>applied_product_id</c> is the product).</summary>
    public static bool TouchesLine(TakenOut taken) => taken.Units > 0 || taken.PartOfG is not null;

    /// <summary>
    /// Applies a logged <paramref name="taken"/> of the removal <paramref name="removalId"/>: the line's units and
    /// weighings, the open adds closed or reduced, and what it could not explain (unless an unbilled item of that weight
    /// is what came back out).
    /// </summary>
    public static void Apply(CartState cart, string removalId, string? applied, double? removedGrams, int order, TakenOut taken, DateTimeOffset at, CartViews views)
    {
        if (applied is not null)
        {
            var product = views.Product(applied);
            var byWeight = taken.UnitGrams is not null;
            // Packs (or a loose unit whose removal did not settle): each unit's share of the weight, as before.
            var share = removedGrams / (product is null ? 1 : WeightFit.Units(product, removedGrams));
            for (var i = 0; i < taken.Units; i++)
            {
                CartReplay.RemoveUnit(cart, applied, order, byWeight ? null : share, ledger: !byWeight);
            }

            if (byWeight)
            {
                cart.Weighing.Take(applied, new WeighedTake(taken.UnitGrams!, taken.PartOfG, taken.PartG ?? 0));
            }
        }

        foreach (var add in taken.ClosedEventIds)
        {
            OpenAdds.Close(cart, add, removalId, at);
        }

        if (taken.ReducedEventId is { } reduced && taken.ReducedToG is { } leftGrams)
        {
            OpenAdds.Reduce(cart, reduced, leftGrams, removalId, views);
        }

        if (taken.UnexplainedG is { } extra && !CartReplay.CameBackOut(cart, -extra))
        {
            cart.Unreconciled.Add(new UnreconciledRemoval(removalId, extra));
        }
    }
}
