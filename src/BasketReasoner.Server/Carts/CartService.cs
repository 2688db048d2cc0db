using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Security;
using BasketReasoner.Server.Telemetry;

namespace BasketReasoner.Server.Carts;

/// <summary>
/// A validated event, ready to resolve. <see cref="Frames"/> are what later stages see (close-ups, or the whole
/// frame that shows the item); <see cref="Pairs"/>, when set, are the cart cameras' before/after frames.
/// </summary>
internal sealed record IncomingEvent(string Id, CartEventType Type, double? WeightDeltaGrams, IReadOnlyList<ReadOnlyMemory<byte>> Frames)
{
    public IReadOnlyList<CameraFramePair>? Pairs { get; init; }
}

/// <summary>
/// The carts: resolve → escalate → log (durable) → apply → publish, one event at a time per cart (the cart's gate is
/// held from the idempotency check to the publish), different carts in parallel on the resolver pool. Everything a cart
/// acknowledged is in the log first; on start the log is replayed into baskets, pending confirmations and the
/// idempotency table, without running any model.
/// </summary>
internal sealed class CartService
{
    private readonly Dictionary<string, CartState> _carts = new(StringComparer.Ordinal);
    private readonly DurableLog _log;
    private readonly PipelineHost _pipeline;
    private readonly EscalationPolicy _policy;
    private readonly ServerMetrics _metrics;
    private readonly TimeProvider _time;

    public CartService(CartKeys keys, DurableLog log, PipelineHost pipeline, EscalationPolicy policy, ServerMetrics metrics, TimeProvider time)
    {
        _log = log;
        _pipeline = pipeline;
        _policy = policy;
        _metrics = metrics;
        _time = time;
        foreach (var id in keys.CartIds)
        {
            _carts[id] = new CartState(id);
        }

        Replayed = Replay();
    }

    /// <summary>Log records replayed at start.</summary>
    public int Replayed { get; }

    public ProductCatalog Catalog => _pipeline.Catalog;

    public CartState Cart(string id) => _carts[id];

    /// <summary>Resolves and records one event; a known event id returns its first result unchanged.</summary>
    /// <returns>The acknowledged JSON body and whether it was a replay.</returns>
    /// <exception cref="Core.Vision.InvalidImageException">A frame does not decode (nothing is changed).</exception>
    public async Task<(string Body, bool Replayed)> SubmitAsync(string cartId, IncomingEvent e)
    {
        var cart = _carts[cartId];
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (cart.EventResults.TryGetValue(e.Id, out var known))
            {
                _metrics.Replays.Add(1);
                return (known, true);
            }

            var start = Stopwatch.GetTimestamp();
            var cartEvent = new CartEvent(cart.EventResults.Count + 1, e.Type, e.Id, e.WeightDeltaGrams);
            var fusion = e.Pairs is { } pairs
                ? await _pipeline.ResolveAsync(cartEvent, pairs, cart.Basket).ConfigureAwait(false)
                : await _pipeline.ResolveAsync(cartEvent, e.Frames, cart.Basket).ConfigureAwait(false);
            var decision = await _policy.DecideAsync(fusion, e.Frames).ConfigureAwait(false);
            string? applied = null;
            var reconciled = false;
            if (!decision.NeedsShopper)
            {
                // Work out the basket change on a copy: the live basket changes only after the log has it.
                var change = BasketUpdate.Apply(Copy(cart.Basket), Decided(fusion, decision.ProductId!));
                applied = change.AppliedProductId;
                reconciled = change.Reconciled;
            }

            var result = new EventResult
            {
                EventId = e.Id,
                CartId = cartId,
                Status = decision.NeedsShopper ? "pending_confirmation" : "accepted",
                Type = TypeName(e.Type),
                WeightDeltaG = e.WeightDeltaGrams,
                ProductId = decision.ProductId,
                AppliedProductId = applied,
                Reconciled = reconciled,
                DecidedBy = decision.DecidedBy,
                Confidence = decision.Confidence,
                Stages = decision.Stages,
                Candidates = decision.Candidates.Select(c => View(c.ProductId, c.FusionPosterior)).ToArray(),
                Evidence = fusion.Candidates,
                LabelTextRead = fusion.LabelTextRead,
                Attribution = fusion.Attribution,
                LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds,
                At = _time.GetUtcNow(),
            };
            var jsonStart = Stopwatch.GetTimestamp();
            var body = JsonSerializer.Serialize(result, ServerJson.Options);
            _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(jsonStart).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "json"));
            var logStart = Stopwatch.GetTimestamp();
            await _log.AppendAsync(cartId, "event", e.Id, result.Type, applied, body, result.At).ConfigureAwait(false);
            _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(logStart).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "log"));
            ApplyEvent(cart, result, applied);
            _metrics.RecordDecision(decision, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            cart.Publish(new ServerEvent("resolution", body));
            if (decision.NeedsShopper)
            {
                cart.Publish(new ServerEvent("confirmation_request", body));
            }

            PublishBasket(cart);
            return (body, false);
        }
        finally
        {
            cart.Gate.Release();
        }
    }

    /// <summary>Applies the shopper's answer to a pending event.</summary>
    /// <returns>The body, or an error message for a 404/409/400.</returns>
    public async Task<(int Status, string Body)> ConfirmAsync(string cartId, string eventId, string? productId)
    {
        var cart = _carts[cartId];
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (cart.ConfirmResults.TryGetValue(eventId, out var known))
            {
                return (200, known);
            }

            var pending = cart.Pending.FirstOrDefault(p => p.EventId == eventId);
            if (pending is null)
            {
                return cart.EventResults.ContainsKey(eventId)
                    ? (409, $"Event '{eventId}' was decided without the shopper; there is nothing to confirm.")
                    : (404, $"No pending confirmation for event '{eventId}'.");
            }

            if (productId is not null && !pending.Candidates.Any(c => c.ProductId == productId))
            {
                return (400, $"'{productId}' is not one of the candidates offered for event '{eventId}'.");
            }

            string? applied = null;
            var reconciled = false;
            if (productId is not null)
            {
                var change = BasketUpdate.Apply(Copy(cart.Basket), PendingResolution(pending, productId));
                applied = change.AppliedProductId;
                reconciled = change.Reconciled;
            }

            var result = new ConfirmResult(eventId, cartId, productId, applied, reconciled, _time.GetUtcNow());
            var body = JsonSerializer.Serialize(result, ServerJson.Options);
            await _log.AppendAsync(cartId, "confirm", eventId, pending.Type, applied, body, result.At).ConfigureAwait(false);
            ApplyConfirm(cart, pending, applied, body);
            _metrics.Confirmations.Add(1, new KeyValuePair<string, object?>("answer", productId is null ? "none" : "product"));
            cart.Publish(new ServerEvent("confirmed", body));
            PublishBasket(cart);
            return (200, body);
        }
        finally
        {
            cart.Gate.Release();
        }
    }

    public async Task<BasketView> SnapshotAsync(string cartId)
    {
        var cart = _carts[cartId];
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return View(cart);
        }
        finally
        {
            cart.Gate.Release();
        }
    }

    /// <summary>The basket lines as they stand, copied (a question reads them; it can never change them).</summary>
    public async Task<IReadOnlyList<BasketLine>> LinesAsync(string cartId)
    {
        var cart = _carts[cartId];
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return cart.Basket.Lines();
        }
        finally
        {
            cart.Gate.Release();
        }
    }

    /// <summary>Subscribes to a cart's changes; the first item is the current basket.</summary>
    public async Task<(Guid Id, ChannelReader<ServerEvent> Reader)> SubscribeAsync(string cartId)
    {
        var cart = _carts[cartId];
        var channel = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            channel.Writer.TryWrite(new ServerEvent("basket", JsonSerializer.Serialize(View(cart), ServerJson.Options)));
            cart.Subscribers[id] = channel;
        }
        finally
        {
            cart.Gate.Release();
        }

        return (id, channel.Reader);
    }

    public void Unsubscribe(string cartId, Guid id) => _carts[cartId].Subscribers.TryRemove(id, out _);

    private int Replay()
    {
        var records = _log.ReadAll();
        foreach (var r in records)
        {
            if (!_carts.TryGetValue(r.CartId, out var cart))
            {
                // A cart removed from the config keeps its log; it is rebuilt, just not reachable without a key.
                cart = _carts[r.CartId] = new CartState(r.CartId);
            }

            if (r.Kind == "event")
            {
                var result = JsonSerializer.Deserialize<EventResult>(r.Body, ServerJson.Options)
                    ?? throw new InvalidDataException($"Log record {r.Seq} is empty.");
                ApplyEvent(cart, result, r.AppliedProductId, r.Body);
            }
            else if (r.Kind == "confirm")
            {
                var pending = cart.Pending.FirstOrDefault(p => p.EventId == r.RefId)
                    ?? throw new InvalidDataException($"Log record {r.Seq} confirms event '{r.RefId}', which is not pending.");
                ApplyConfirm(cart, pending, r.AppliedProductId, r.Body);
            }
        }

        return records.Count;
    }

    private static void ApplyEvent(CartState cart, EventResult result, string? applied, string? body = null)
    {
        cart.EventResults[result.EventId] = body ?? JsonSerializer.Serialize(result, ServerJson.Options);
        if (result.Status == "pending_confirmation")
        {
            cart.Pending.Add(result);
        }
        else
        {
            Change(cart.Basket, result.Type, applied);
        }
    }

    private static void ApplyConfirm(CartState cart, EventResult pending, string? applied, string body)
    {
        cart.ConfirmResults[pending.EventId] = body;
        cart.Pending.Remove(pending);
        Change(cart.Basket, pending.Type, applied);
    }

    // Replay applies the logged line, not the decision again, so a reconciled removal replays exactly.
    private static void Change(Basket basket, string type, string? applied)
    {
        if (applied is null)
        {
            return;
        }

        if (type == "add")
        {
            basket.Add(applied);
        }
        else
        {
            basket.Remove(applied);
        }
    }

    private void PublishBasket(CartState cart) =>
        cart.Publish(new ServerEvent("basket", JsonSerializer.Serialize(View(cart), ServerJson.Options)));

    private BasketView View(CartState cart)
    {
        var lines = new List<BasketLineView>();
        decimal total = 0;
        var currency = "SEK";
        foreach (var line in cart.Basket.Lines())
        {
            var product = Catalog.TryGet(line.Product, out var p) ? p : null;
            var unit = product is null ? 0m : Pricing.UnitPrice(product);
            var lineTotal = product is null ? 0m : Pricing.LineTotal(product, line.Qty);
            currency = product?.Price.Currency ?? currency;
            total += lineTotal;
            lines.Add(new BasketLineView(line.Product, product?.DisplayName ?? line.Product, line.Qty, unit,
                product?.Price.Per.ToString().ToLowerInvariant() ?? "unit", lineTotal, ImageUrl(line.Product)));
        }

        return new BasketView(cart.Id, lines, total, currency, true, cart.Basket.TotalQuantity, cart.Pending.ToArray());
    }

    private CandidateView View(string productId, double posterior)
    {
        var product = Catalog.TryGet(productId, out var p) ? p : null;
        return new CandidateView(productId, product?.DisplayName ?? productId, posterior, product is null ? 0 : Pricing.UnitPrice(product),
            product?.Price.Currency ?? "SEK", product?.Price.Per.ToString().ToLowerInvariant() ?? "unit", ImageUrl(productId));
    }

    private static string ImageUrl(string productId) => $"/v1/products/{Uri.EscapeDataString(productId)}/image";

    private static string TypeName(CartEventType t) => t == CartEventType.Add ? "add" : "remove";

    private static Basket Copy(Basket basket)
    {
        var copy = new Basket();
        foreach (var line in basket.Lines())
        {
            copy.Add(line.Product, line.Qty);
        }

        return copy;
    }

    private static Resolution Decided(Resolution fusion, string productId) => fusion with { ProductId = productId };

    private static Resolution PendingResolution(EventResult pending, string productId) => new()
    {
        Seq = 0,
        Type = pending.Type == "add" ? CartEventType.Add : CartEventType.Remove,
        ProductId = productId,
        Confidence = 1,
        IsAmbiguous = false,
        Candidates = pending.Evidence,
        Stage = EscalationPolicy.ShopperStage,
        WeightDeltaGrams = pending.WeightDeltaG,
    };
}
