using System.Text.Json;
using BasketReasoner.Server.Api;

namespace BasketReasoner.Server.Carts;

/// <summary>
/// Adds a cart has acknowledged but not yet decided: waiting for the shopper (<see cref="CartState.Pending"/>) or
/// for their label text (<see cref="CartState.Refining"/>). Their item is physically in the cart but not in the basket,
/// so a removal may be that item taken back out; such a removal closes the add instead of taking a basket line
/// (which would charge the item that left and remove one that stayed).
/// </summary>
internal static class OpenAdds
{
    /// <summary>The fingerprint stored as a closed add's "answer": no shopper's answer matches it, so any is a 409.</summary>
    public const string CancelledFingerprintPrefix = "cancelled-by:";

    /// <summary>
    /// The open adds acknowledged before log order <paramref name="before"/> (all of them by default), oldest first by
    /// log order: a removal can only be the item of an add the cart had seen when the removal happened.
    /// </summary>
    public static IReadOnlyList<EventResult> Of(CartState cart, int before = int.MaxValue) =>
        cart.Pending.Where(p => p.Type == "add").Concat(cart.Refining.Values.Where(r => r.Type == "add"))
            .Select(a => (Add: a, Order: cart.OrderOf(a.EventId)))
            .Where(x => x.Order < before)
            .OrderBy(x => x.Order)
            .Select(x => x.Add)
            .ToArray();

    /// <summary>
    /// The products the open adds (acknowledged before <paramref name="before"/>) may be: each one's candidates (the
    /// shopper's tiles, or fusion's best while its label is read), since the add's own product is not decided yet.
    /// </summary>
    public static IReadOnlyCollection<string> Products(CartState cart, int before = int.MaxValue) =>
        Of(cart, before).SelectMany(a => a.Candidates.Select(c => c.ProductId)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The open add a removal of <paramref name="productId"/> (log order <paramref name="before"/>) takes back out: one
    /// acknowledged before the removal offering that product; first one whose weight matches the removal's
    /// (<see cref="WeightMatches"/>), then the one whose candidates give the product the most weight, then the nearest
    /// weight, then the newest (the item just put in is the likeliest to come back out).
    /// </summary>
    public static EventResult? Match(CartState cart, string productId, double? removedGrams, int before = int.MaxValue) =>
        Offering(cart, productId, removedGrams, before).FirstOrDefault();

    /// <summary>Every open add from before <paramref name="before"/> offering <paramref name="productId"/>, in <see cref="Match"/>'s order (best first).</summary>
    public static IReadOnlyList<EventResult> Offering(CartState cart, string productId, double? removedGrams, int before = int.MaxValue) =>
        Of(cart, before).Select((a, i) => (Add: a, Order: i, Offer: a.Candidates.FirstOrDefault(c => c.ProductId == productId)))
            .Where(x => x.Offer is not null)
            .OrderByDescending(x => WeightMatches(x.Add.WeightDeltaG, removedGrams))
            .ThenByDescending(x => x.Offer!.FusionPosterior)
            .ThenBy(x => x.Add.WeightDeltaG is { } added && removedGrams is { } removed ? Math.Abs(added + removed) : double.MaxValue)
            .ThenByDescending(x => x.Order)
            .Select(x => x.Add)
            .ToArray();

    /// <summary>
    /// Whether an add's settled weight and a removal's (negative) are the one item: within 15 g or 15 % of the removal,
    /// whichever is more (scales settle a few grams apart). False when either did not settle.
    /// </summary>
    public static bool WeightMatches(double? addedGrams, double? removedGrams) =>
        addedGrams is { } added && removedGrams is { } removed && Core.Baskets.WeightFit.SameItem(added, removed);

    /// <summary>
    /// Part of the open add <paramref name="addId"/>'s item was taken back out by <paramref name="removalId"/> (some of
    /// its packs, some of its grams): it stays open for what is left, <paramref name="leftGrams"/>, with its tiles priced
    /// at that (so the shopper's answer, or its refined decision, charges what is still in the cart). Derived wholly from
    /// the removal's logged record, so live and replay reduce it alike. False when the add was not open.
    /// </summary>
    public static bool Reduce(CartState cart, string addId, double leftGrams, string removalId, CartViews views)
    {
        var index = cart.Pending.FindIndex(p => p.EventId == addId && p.Type == "add");
        var open = index >= 0 ? cart.Pending[index] : cart.Refining.GetValueOrDefault(addId);
        if (open is null)
        {
            return false;
        }

        var reduced = open with
        {
            WeightDeltaG = leftGrams,
            Candidates = open.Candidates.Select(c => views.Candidate(c.ProductId, c.FusionPosterior, leftGrams)).ToArray(),
            ReducedByEventId = removalId,
        };
        if (index >= 0)
        {
            cart.Pending[index] = reduced;
        }
        else
        {
            cart.Refining[addId] = reduced;
        }

        // A retry of the add's request, and GET .../events/{id}, read it as it stands: reduced by this removal.
        lock (cart.EventResults)
        {
            cart.EventResults[addId] = JsonSerializer.Serialize(reduced, ServerJson.Options);
        }

        return true;
    }

    /// <summary>
    /// Closes the open add <paramref name="addId"/> as taken back out by <paramref name="removalId"/>: nothing is added,
    /// its prompt (or its refinement) ends, and any later answer to it is a 409. Derived wholly from the removal's logged
    /// record, so live and replay close it alike. Returns the add's closing body (a <see cref="ConfirmResult"/>), or
    /// null when the add was not open.
    /// </summary>
    public static string? Close(CartState cart, string addId, string removalId, DateTimeOffset at)
    {
        var pending = cart.Pending.FirstOrDefault(p => p.EventId == addId && p.Type == "add");
        var refining = cart.Refining.GetValueOrDefault(addId);
        if (pending is null && refining is null)
        {
            return null;
        }

        var closed = JsonSerializer.Serialize(new ConfirmResult(addId, cart.Id, null, null, false, at) { CancelledByEventId = removalId }, ServerJson.Options);
        if (pending is not null)
        {
            cart.Pending.Remove(pending);
            cart.PendingFrames.Remove(addId);
        }
        else
        {
            // Its refinement, still queued, finds it gone and is dropped.
            cart.Refining.Remove(addId);
        }

        // One status for a closed add, waiting for the shopper or for its label: a retry of the add's request, and
        // GET .../events/{id}, read it as cancelled by this removal.
        var result = (pending ?? refining!) with { Status = CartReplay.CancelledStatus, CancelledByEventId = removalId };
        lock (cart.EventResults)
        {
            cart.EventResults[addId] = JsonSerializer.Serialize(result, ServerJson.Options);
        }

        lock (cart.ConfirmResults)
        {
            cart.ConfirmResults[addId] = closed;
        }

        cart.ConfirmFingerprints[addId] = CancelledFingerprintPrefix + removalId;
        return closed;
    }
}
