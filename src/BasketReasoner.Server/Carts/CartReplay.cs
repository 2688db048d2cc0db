using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;

namespace BasketReasoner.Server.Carts;

/// <summary>
/// Applying logged records to a cart's state: the same code for a live event (after its record is durable) and for
/// replay at start, so a restart rebuilds baskets, pending confirmations and the idempotency tables exactly. Replay
/// applies the logged basket line, not the decision again, so a reconciled removal replays exactly and no model runs.
/// </summary>
internal static class CartReplay
{
    /// <summary>An event's status while its label text is read off the request path.</summary>
    public const string RefiningStatus = "refining";

    /// <summary>The log record of a refined event's decision (its first record, kind <c>event</c>, said <see cref="RefiningStatus"/>).</summary>
    public const string RefinedKind = "refined";

    /// <summary>An add's status once a removal took its item back out while its label was read (<see cref="OpenAdds.Close"/>).</summary>
    public const string CancelledStatus = "cancelled";

    /// <summary>
    /// Replays every record of <paramref name="log"/> into <paramref name="carts"/>; returns how many. What taught the
    /// fusion's learning sources live (a shopper's product, a cloud decision) is handed to <paramref name="learn"/>
    /// again, with its cart, so learned statistics (and each cart's share of them) survive a restart; the recorded
    /// weight is what the event measured.
    /// </summary>
    /// <exception cref="InvalidDataException">A record does not fit the ones before it.</exception>
    public static int Replay(DurableLog log, Dictionary<string, CartState> carts, CartViews views, Action<CartEvent, string, string>? learn = null)
    {
        var records = log.ReadAll();
        foreach (var r in records)
        {
            if (!carts.TryGetValue(r.CartId, out var cart))
            {
                // A cart removed from the config keeps its log; it is rebuilt, just not reachable without a key.
                cart = carts[r.CartId] = new CartState(r.CartId);
            }

            if (r.Kind == "event")
            {
                var result = JsonSerializer.Deserialize<EventResult>(r.Body, ServerJson.Options)
                    ?? throw new InvalidDataException($"Log record {r.Seq} is empty.");
                ApplyEvent(cart, result, r.AppliedProductId, r.RequestHash, r.Body, views);
                LearnFromCloud(result, r.CartId, learn);
            }
            else if (r.Kind == RefinedKind)
            {
                var result = JsonSerializer.Deserialize<EventResult>(r.Body, ServerJson.Options)
                    ?? throw new InvalidDataException($"Log record {r.Seq} is empty.");
                if (!cart.Refining.ContainsKey(r.RefId))
                {
                    throw new InvalidDataException($"Log record {r.Seq} refines event '{r.RefId}', which is not being refined.");
                }

                ApplyRefined(cart, result, r.AppliedProductId, r.Body, views);
                LearnFromCloud(result, r.CartId, learn);
            }
            else if (r.Kind == "confirm")
            {
                var pending = cart.Pending.FirstOrDefault(p => p.EventId == r.RefId)
                    ?? throw new InvalidDataException($"Log record {r.Seq} confirms event '{r.RefId}', which is not pending.");
                var answer = JsonSerializer.Deserialize<ConfirmResult>(r.Body, ServerJson.Options);
                ApplyConfirm(cart, pending, r.AppliedProductId, r.RequestHash, r.Body, answer, views);
                if (learn is not null && answer?.ProductId is { } chosen)
                {
                    learn(Taught(pending), chosen, r.CartId);
                }
            }
        }

        return records.Count;
    }

    // Only the cloud's accepted decisions teach among the stages' own decisions (see CartService.Teach: fusion's and
    // the on-device model's never do).
    private static void LearnFromCloud(EventResult result, string cartId, Action<CartEvent, string, string>? learn)
    {
        if (learn is not null && result.Status == "accepted" && result.DecidedBy == EscalationPolicy.CloudStage && result.ProductId is { } chosen)
        {
            learn(Taught(result), chosen, cartId);
        }
    }

    /// <summary>The event a decided result teaches the learning sources: its type and the weight it measured.</summary>
    public static CartEvent Taught(EventResult result) =>
        new(0, result.Type == "add" ? CartEventType.Add : CartEventType.Remove, result.EventId, result.WeightDeltaG);

    public static void ApplyEvent(CartState cart, EventResult result, string? applied, string? fingerprint, string body, CartViews views)
    {
        // Locked because a retry's fast path reads these outside the cart's gate.
        lock (cart.EventResults)
        {
            cart.EventFingerprints[result.EventId] = fingerprint;
            cart.EventResults[result.EventId] = body;
        }

        cart.Order.TryAdd(result.EventId, cart.Order.Count);

        Decide(cart, result, applied, views);
    }

    /// <summary>
    /// The refined decision of an event acknowledged as <see cref="RefiningStatus"/>: it replaces the stored result,
    /// so a retry of the event's request gets the decision, and changes the basket or waits for the shopper.
    /// </summary>
    public static void ApplyRefined(CartState cart, EventResult result, string? applied, string body, CartViews views)
    {
        lock (cart.EventResults)
        {
            cart.EventResults[result.EventId] = body;
        }

        cart.Refining.Remove(result.EventId);
        Decide(cart, result, applied, views);
    }

    private static void Decide(CartState cart, EventResult result, string? applied, CartViews views)
    {
        if (result.Status == RefiningStatus)
        {
            cart.Refining[result.EventId] = result;
        }
        else if (result.Status == "pending_confirmation")
        {
            cart.Pending.Add(result);
        }
        else if (result.TakenOut is { } taken)
        {
            // A removal that took out what its weight explains (Removals): applied as logged.
            Removals.Apply(cart, result.EventId, applied, result.WeightDeltaG, cart.OrderOf(result.EventId), taken, result.At, views);
        }
        else
        {
            Change(cart, result.Type, applied, result.WeightDeltaG, cart.OrderOf(result.EventId), result.Quantity);
            if (result.CancelledEventId is { } add)
            {
                // A removal decided as an open add's item taken back out: that add closes in the same record.
                OpenAdds.Close(cart, add, result.EventId, result.At);
            }
            else if (result.Type == "remove" && applied is null)
            {
                // Closed with nothing taken out (the basket held nothing): it may be an unbilled item coming back out.
                CameBackOut(cart, result.WeightDeltaG);
            }
        }
    }

    /// <summary>The shopper's answer to <paramref name="pending"/>: its line changes and, when it cancelled an open add, that add closes.</summary>
    /// <param name="cart">The cart.</param>
    /// <param name="pending">The answered event.</param>
    /// <param name="applied">The logged basket line that changed, or null.</param>
    /// <param name="fingerprint">The answer's fingerprint (idempotency).</param>
    /// <param name="body">The logged answer.</param>
    /// <param name="answer"><paramref name="body"/> read back: a removal's answer that cancelled an open add closes it in the same record.</param>
    /// <param name="views">The catalog's views: a removal's answer that reduced an open add reprices its tiles.</param>
    public static void ApplyConfirm(CartState cart, EventResult pending, string? applied, string? fingerprint, string body, ConfirmResult? answer, CartViews views)
    {
        // Locked: GET .../events/{id} reads it outside the cart's gate.
        lock (cart.ConfirmResults)
        {
            cart.ConfirmResults[pending.EventId] = body;
        }

        cart.ConfirmFingerprints[pending.EventId] = fingerprint;
        cart.Pending.Remove(pending);
        if (answer?.TakenOut is { } taken)
        {
            Removals.Apply(cart, pending.EventId, applied, pending.WeightDeltaG, cart.OrderOf(pending.EventId), taken, answer.At, views);
            return;
        }

        Change(cart, pending.Type, applied, pending.WeightDeltaG, cart.OrderOf(pending.EventId), answer?.Quantity ?? 1);
        if (answer?.CancelledEventId is { } add)
        {
            OpenAdds.Close(cart, add, pending.EventId, answer.At);
        }
        else if (answer is { ProductId: null })
        {
            NoneOfThese(cart, pending);
        }
    }

    // An add answered "none of these" left an item in the cart that is not on the bill: it is kept in sight for staff.
    // A removal answered so that weighs what one of those weighed is that item coming back out.
    private static void NoneOfThese(CartState cart, EventResult pending)
    {
        if (pending.Type == "add")
        {
            // The scale saw nothing go in (a frame told "no change"): nothing is in the cart unbilled.
            if (WeightFit.IsNoChange(pending.WeightDeltaG))
            {
                return;
            }

            cart.Unbilled.Add(new UnbilledItem(pending.EventId, pending.WeightDeltaG is { } w && double.IsFinite(w) ? Math.Round(Math.Abs(w), 1) : null));
        }
        else
        {
            CameBackOut(cart, pending.WeightDeltaG);
        }
    }

    /// <summary>An unbilled item that weighs what <paramref name="removedGrams"/> weighed came back out: it leaves the list. True when one did.</summary>
    public static bool CameBackOut(CartState cart, double? removedGrams)
    {
        var left = removedGrams is { } removed && double.IsFinite(removed)
            ? cart.Unbilled.FindIndex(u => u.Grams is { } weighed && WeightFit.SameItem(removed, weighed))
            : -1;
        if (left >= 0)
        {
            cart.Unbilled.RemoveAt(left);
        }

        return left >= 0;
    }

    /// <summary>
    /// Changes the basket line and its weighing together: an add records the event's settled delta (loose produce is
    /// charged by it), a removal its settled delta (the unit that left). Both come from the logged result, so replay prices alike.
    /// <paramref name="order"/> is the event's log order: an added unit keeps it; a removal takes the newest unit put in
    /// before it (it was decided against those).
    /// </summary>
    private static void Change(CartState cart, string type, string? applied, double? weightDeltaG, int order, int units = 1)
    {
        if (applied is null)
        {
            return;
        }

        // Several packs in one event: each unit is recorded with its share of the weight.
        for (var i = 0; i < units; i++)
        {
            ChangeOne(cart, type, applied, weightDeltaG / units, order);
        }
    }

    private static void ChangeOne(CartState cart, string type, string applied, double? weightDeltaG, int order)
    {
        if (type == "add")
        {
            cart.Basket.Add(applied);
            cart.Weighing.RecordAdd(applied, weightDeltaG);
            if (!cart.UnitOrders.TryGetValue(applied, out var units))
            {
                cart.UnitOrders[applied] = units = [];
            }

            units.Add(order);
        }
        else
        {
            RemoveUnit(cart, applied, order, weightDeltaG);
        }
    }

    /// <summary>
    /// One unit of <paramref name="applied"/> leaves the basket: the newest put in before the removal (log order
    /// <paramref name="order"/>), and, unless the caller changes the weighings itself (<paramref name="ledger"/> false),
    /// the ledger's unit nearest <paramref name="weightDeltaG"/>.
    /// </summary>
    public static void RemoveUnit(CartState cart, string applied, int order, double? weightDeltaG, bool ledger = true)
    {
        if (!cart.Basket.Remove(applied))
        {
            return;
        }

        if (ledger)
        {
            cart.Weighing.RecordRemove(applied, weightDeltaG);
        }

        if (cart.UnitOrders.TryGetValue(applied, out var units) && units.Count > 0)
        {
            var before = units.Where(u => u < order).DefaultIfEmpty(units.Max()).Max();
            units.Remove(before);
        }
    }
}
