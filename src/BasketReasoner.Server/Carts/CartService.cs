using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Flywheel;
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

    /// <summary>
    /// The request the id was first used for, when it was not this event's own body: a frame joined with the scale's
    /// weight (<see cref="RequestFingerprint.OfFrame"/>). Recorded instead of <see cref="RequestFingerprint.Of"/>, so a
    /// retry of the frame is answered from the log and an event posted to <c>/events</c> with that id is a conflict.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>
    /// Set when the scale's one weight event was shared with other frames (a quick double add): the weight this event
    /// is resolved with is what the earlier frames leave of it (<see cref="CartService"/>), not
    /// <see cref="WeightDeltaGrams"/>, which is then <c>null</c>.
    /// </summary>
    public SharedWeight? SharedWeight { get; init; }
}

/// <summary>
/// The carts: admit → resolve → escalate → log (durable) → apply → publish, one event at a time per cart (the cart's
/// gate is held from the idempotency check to the publish), different carts in parallel on the resolver pool.
/// Everything a cart acknowledged is in the log first; on start the log is replayed (<see cref="CartReplay"/>) into
/// baskets, pending confirmations and the idempotency tables, without running any model.
/// </summary>
internal sealed class CartService
{
    private readonly Dictionary<string, CartState> _carts = new(StringComparer.Ordinal);
    private readonly DurableLog _log;
    private readonly PipelineHost _pipeline;
    private readonly EscalationPolicy _policy;
    private readonly ServerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly CartViews _views;
    private readonly EventAdmission _admission;
    private readonly int _maxPending;
    private readonly ExampleStore _examples;
    private readonly int _maxRefinements;
    private readonly Channel<Refinement> _queue = Channel.CreateUnbounded<Refinement>(new UnboundedChannelOptions { SingleReader = true });
    private int _refinements;

    /// <summary>The <c>decided_by</c> of an event acknowledged while its label text is read (status <c>refining</c>).</summary>
    public const string RefinementStage = "label-text";

    // A refined decision whose log append keeps failing is tried this many times before it is left to the next start.
    private const int RefineLogAttempts = 5;

    public CartService(
        CartKeys keys, DurableLog log, PipelineHost pipeline, EscalationPolicy policy, ServerMetrics metrics, TimeProvider time, CartServerOptions options,
        ExampleStore examples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueuedEvents, 1, "Server:MaxQueuedEvents");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueuedEventsPerCart, 1, "Server:MaxQueuedEventsPerCart");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingConfirmations, 1, "Server:MaxPendingConfirmations");
        _log = log;
        _pipeline = pipeline;
        _policy = policy;
        _metrics = metrics;
        _time = time;
        _views = new CartViews(pipeline.Catalog);
        _admission = new EventAdmission(pipeline.Workers + options.MaxQueuedEvents, options.MaxQueuedEventsPerCart, metrics);
        _maxPending = options.MaxPendingConfirmations;
        _examples = examples;
        foreach (var id in keys.CartIds)
        {
            _carts[id] = new CartState(id);
        }

        _maxRefinements = options.MaxQueuedRefinements;
        Replayed = CartReplay.Replay(log, _carts, _views, pipeline.Learn);
        AskForInterruptedRefinements();
        if (pipeline.DefersLabelText)
        {
            _ = Task.Run(RefineLoopAsync);
        }
    }

    /// <summary>Log records replayed at start.</summary>
    public int Replayed { get; }

    /// <summary>Carts the log holds events of that <paramref name="configured"/> lacks, with their event counts.</summary>
    public IEnumerable<(string Cart, int Events)> UnconfiguredCarts(IReadOnlySet<string> configured) =>
        _carts.Where(c => !configured.Contains(c.Key)).Select(c => (c.Key, c.Value.EventResults.Count)).Where(c => c.Count > 0).OrderBy(c => c.Key, StringComparer.Ordinal);

    public ProductCatalog Catalog => _pipeline.Catalog;

    /// <summary>Event requests admitted and not yet answered, server-wide.</summary>
    public int InFlight => _admission.Admitted;

    public CartState Cart(string id) => _carts[id];

    public IEnumerable<string> CartIds => _carts.Keys;

    /// <summary>
    /// Resolves and records one event; a known event id with the same request returns its first result unchanged.
    /// </summary>
    /// <returns>The acknowledged JSON body and whether it was a replay.</returns>
    /// <exception cref="Core.Vision.InvalidImageException">A frame does not decode (nothing is changed).</exception>
    /// <exception cref="CartRejectedException">The id was used for a different request (409), or the cart or server is at a limit (429/503).</exception>
    /// <exception cref="StorageUnavailableException">The log could not commit (nothing is changed).</exception>
    public async Task<(string Body, bool Replayed)> SubmitAsync(string cartId, IncomingEvent e)
    {
        var cart = _carts[cartId];
        var fingerprint = e.Fingerprint ?? RequestFingerprint.Of(e);
        if (TryReplay(cart, e.Id, fingerprint) is { } early)
        {
            return (early, true);
        }

        using var ticket = _admission.Enter(cart);
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        var claimed = false;
        try
        {
            if (TryReplay(cart, e.Id, fingerprint, claim: true) is { } known)
            {
                return (known, true);
            }

            claimed = true;

            if (cart.Pending.Count + cart.Refining.Count >= _maxPending)
            {
                _metrics.Shed.Add(1, new KeyValuePair<string, object?>("reason", "pending_confirmations"));
                throw new CartRejectedException(429,
                    $"Cart '{cartId}' has {cart.Pending.Count} items waiting for the shopper to confirm"
                    + (cart.Refining.Count > 0 ? $" and {cart.Refining.Count} whose label is being read" : string.Empty)
                    + "; answer them (POST /confirm) before more events.",
                    TimeSpan.FromSeconds(5));
            }

            var start = Stopwatch.GetTimestamp();
            if (e.SharedWeight is { } shared)
            {
                e = e with { WeightDeltaGrams = WeightLeft(cart, shared) };
            }

            var cartEvent = new CartEvent(cart.EventResults.Count + 1, e.Type, e.Id, e.WeightDeltaGrams);
            var (fusion, label) = e.Pairs is { } pairs
                ? (await _pipeline.ResolveAsync(cartEvent, pairs, cart.Basket).ConfigureAwait(false), null)
                : await _pipeline.ResolveAsync(cartEvent, e.Frames, cart.Basket).ConfigureAwait(false);
            if (fusion.LabelTextPending)
            {
                if (TryReserveRefinement())
                {
                    return (await AcknowledgeRefiningAsync(cart, e, cartEvent, fusion, label, fingerprint, start).ConfigureAwait(false), false);
                }

                // The refinement queue is full: decide now on fusion without text (the next stage takes it) rather
                // than let the queue, or this request, grow.
                _metrics.Shed.Add(1, new KeyValuePair<string, object?>("reason", "refinements"));
                fusion = fusion with { LabelTextPending = false };
            }

            var decision = RemovalCheck.Apply(await _policy.DecideAsync(fusion, e.Frames).ConfigureAwait(false), cart.Basket, OpenAdds.Products(cart));
            var body = await RecordDecisionAsync(cart, e, cartEvent, fusion, decision, fingerprint, start, "event").ConfigureAwait(false);
            return (body, false);
        }
        finally
        {
            if (claimed)
            {
                // Recorded (EventResults holds it now) or refused: either way no longer in flight.
                lock (cart.EventResults)
                {
                    cart.InFlight.Remove(e.Id);
                }
            }

            cart.Gate.Release();
        }
    }

    /// <summary>Events waiting for (or in) label-text refinement, server-wide.</summary>
    public int Refinements => Volatile.Read(ref _refinements);

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, for the label-text refinements under way to be decided and logged: a
    /// stopping server (SIGTERM) finishes them while its pipeline and log are still open, rather than leave them for
    /// the next start, which can only ask the shopper (the frames are not in the log). True when none is left.
    /// </summary>
    public bool DrainRefinements(TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Refinements > 0 && waited.Elapsed < timeout)
        {
            Thread.Sleep(20);
        }

        return Refinements == 0;
    }

    private bool TryReserveRefinement()
    {
        while (true)
        {
            var n = Volatile.Read(ref _refinements);
            if (n >= _maxRefinements)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _refinements, n + 1, n) == n)
            {
                return true;
            }
        }
    }

    // The event's decision, from here on the same for a live event and a refined one: log (durable) → apply →
    // teach → publish. Called under the cart's gate.
    private async Task<string> RecordDecisionAsync(
        CartState cart, IncomingEvent e, CartEvent cartEvent, Resolution fusion, EscalationDecision decision, string fingerprint, long start, string kind)
    {
        string? applied = null;
        var reconciled = false;
        string? cancelled = null;
        // A removal decides against what the cart held when it was acknowledged (a refined one was acknowledged
        // earlier): the basket units and open adds from before it, never one that came after.
        var order = cart.OrderOf(e.Id);
        var held = e.Type == CartEventType.Remove ? cart.BasketBefore(order) : cart.Basket;
        var openAdds = OpenAdds.Products(cart, order);
        TakenOut? taken = null;
        if (!decision.NeedsShopper && e.Type == CartEventType.Remove)
        {
            // What the removal's weight explains, across the line and the adds still open (Removals): whole packs, or
            // the grams of loose produce. A product neither holds is reconciled to the likeliest line the basket holds.
            string? target = decision.ProductId!;
            if (!held.Contains(target) && OpenAdds.Match(cart, target, e.WeightDeltaGrams, order) is null)
            {
                var change = BasketUpdate.Apply(Copy(held), fusion with { ProductId = target });
                (target, reconciled) = (change.AppliedProductId, change.Reconciled);
            }

            taken = target is null ? null : PlanRemoval(cart, held, target, e.WeightDeltaGrams, order);
            applied = taken is { } t && Removals.TouchesLine(t) ? target : null;
            reconciled = reconciled && applied is not null;
            // An open add whose item came back out (its weight explains the removal, or the line could not) closes,
            // nothing charged, in this event's record.
            cancelled = taken?.ClosedEventIds.FirstOrDefault();
        }
        else if (!decision.NeedsShopper)
        {
            // Work out the basket change on a copy: the live basket changes only after the log has it.
            var change = BasketUpdate.Apply(Copy(held), fusion with { ProductId = decision.ProductId! });
            applied = change.AppliedProductId;
            reconciled = change.Reconciled;
        }

        var result = new EventResult
        {
            EventId = e.Id,
            CartId = cart.Id,
            Status = decision.NeedsShopper ? "pending_confirmation" : "accepted",
            Type = e.Type == CartEventType.Add ? "add" : "remove",
            WeightDeltaG = e.WeightDeltaGrams,
            ProductId = decision.ProductId,
            AppliedProductId = applied,
            Reconciled = reconciled,
            DecidedBy = decision.DecidedBy,
            Confidence = decision.Confidence,
            Stages = decision.Stages,
            Candidates = e.Type == CartEventType.Remove && decision.NeedsShopper
                ? RemovalTiles(cart, held, ShopperTiles.For(decision, held, openAdds), e.WeightDeltaGrams, order)
                : (decision.NeedsShopper ? ShopperTiles.For(decision, held, openAdds) : decision.Candidates)
                .Select(c => e.Type == CartEventType.Add
                    ? _views.Candidate(c.ProductId, c.FusionPosterior, e.WeightDeltaGrams)
                    : RemovalTile(cart, held, c.ProductId, c.FusionPosterior, e.WeightDeltaGrams, order)).ToArray(),
            Evidence = fusion.Candidates,
            LabelTextRead = fusion.LabelTextRead,
            Attribution = fusion.Attribution,
            LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds,
            At = _time.GetUtcNow(),
            CancelledEventId = cancelled,
            TakenOut = taken,
            Quantity = applied is null ? 1 : taken is { } took ? took.Units : Units("add", e.WeightDeltaGrams, applied, held),
        };
        var jsonStart = Stopwatch.GetTimestamp();
        var body = JsonSerializer.Serialize(result, ServerJson.Options);
        _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(jsonStart).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "json"));
        var logStart = Stopwatch.GetTimestamp();
        await AppendAsync(cart.Id, kind, e.Id, result.Type, applied, body, result.At, fingerprint).ConfigureAwait(false);
        _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(logStart).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "log"));
        if (kind == CartReplay.RefinedKind)
        {
            CartReplay.ApplyRefined(cart, result, applied, body, _views);
        }
        else
        {
            CartReplay.ApplyEvent(cart, result, applied, fingerprint, body, _views);
        }

        if (decision.NeedsShopper)
        {
            cart.PendingFrames[e.Id] = e.Frames;
        }
        else if (decision.DecidedBy == EscalationPolicy.CloudStage && decision.ProductId is { } chosen)
        {
            Teach(cart.Id, e.Id, cartEvent, result.Type, chosen, EscalationPolicy.CloudStage, e.Frames, result.At);
        }

        _metrics.RecordDecision(decision, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        cart.Publish(new ServerEvent("resolution", body));
        if (decision.NeedsShopper)
        {
            cart.Publish(new ServerEvent("confirmation_request", body));
        }

        PublishClosedAdds(cart, taken);

        PublishBasket(cart);
        return body;
    }

    // Acknowledges an event whose label can still change its decision: logged (durable) as refining, answered now,
    // refined by the refinement loop. Nothing enters the basket and no prompt is shown until the refined decision.
    private async Task<string> AcknowledgeRefiningAsync(
        CartState cart, IncomingEvent e, CartEvent cartEvent, Resolution fusion, FusionResolver.PendingLabel? label, string fingerprint, long start)
    {
        var result = new EventResult
        {
            EventId = e.Id,
            CartId = cart.Id,
            Status = CartReplay.RefiningStatus,
            Type = e.Type == CartEventType.Add ? "add" : "remove",
            WeightDeltaG = e.WeightDeltaGrams,
            DecidedBy = RefinementStage,
            Confidence = fusion.Confidence,
            Stages = [new StageRecord(EscalationPolicy.FusionStage, StageOutcome.Unsure, fusion.ProductId, fusion.Confidence, _policy.Options.FusionAcceptThreshold,
                fusion.LatencyMs, "label text is read off the request path; the decision follows on the cart's stream")],
            Candidates = fusion.Candidates.Take(_policy.Options.CandidateCount)
                .Select(c => _views.Candidate(c.ProductId, c.Posterior, e.Type == CartEventType.Add ? e.WeightDeltaGrams : null)).ToArray(),
            Evidence = fusion.Candidates,
            Attribution = fusion.Attribution,
            LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds,
            At = _time.GetUtcNow(),
        };
        var body = JsonSerializer.Serialize(result, ServerJson.Options);
        try
        {
            await AppendAsync(cart.Id, "event", e.Id, result.Type, null, body, result.At, fingerprint).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _refinements);
            throw;
        }

        CartReplay.ApplyEvent(cart, result, null, fingerprint, body, _views);
        // The channel is unbounded: the reservation above is its bound, so this write cannot fail.
        _queue.Writer.TryWrite(new Refinement(cart, e, cartEvent, fusion, label, fingerprint, start));
        _metrics.StageLatency.Record(result.LatencyMs, new KeyValuePair<string, object?>("stage", "acknowledge"));
        cart.Publish(new ServerEvent("resolution", body));
        return body;
    }

    // One event at a time (the refinement worker reads one label at a time anyway); a failed read decides on fusion
    // without text, and a log that stays down leaves the event refining, which the next start decides (the shopper).
    private async Task RefineLoopAsync()
    {
        await foreach (var r in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await RefineAsync(r).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"refinement of event '{r.Event.Id}' on cart '{r.Cart.Id}' failed: {ex.GetType().Name}: {ex.Message}; it stays refining until the next start asks the shopper.");
            }
            finally
            {
                Interlocked.Decrement(ref _refinements);
            }
        }
    }

    private async Task RefineAsync(Refinement r)
    {
        // The basket as it stands now, not as it stood at the acknowledgement: events decided since (an earlier
        // refinement among them) have changed it, and fusion's prior reads it.
        Basket basket;
        await r.Cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!r.Cart.Refining.ContainsKey(r.Event.Id))
            {
                return; // Closed meanwhile: an add whose item a removal took back out.
            }

            basket = Copy(r.Cart.Basket);
        }
        finally
        {
            r.Cart.Gate.Release();
        }

        Resolution refined;
        try
        {
            refined = await _pipeline.RefineAsync(r.CartEvent, r.Event.Frames, r.Event.Pairs, basket, r.Label).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"label text of event '{r.Event.Id}' on cart '{r.Cart.Id}' could not be read ({ex.GetType().Name}: {ex.Message}); deciding without it.");
            refined = r.Fusion with { LabelTextPending = false };
        }

        var chain = await _policy.DecideAsync(refined, r.Event.Frames).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await r.Cart.Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!r.Cart.Refining.ContainsKey(r.Event.Id))
                {
                    return;
                }

                // Checked against the live basket and open adds under the gate, as a live event is: a removal the
                // basket can no longer explain (an earlier removal took that line) goes to the shopper with its lines.
                var order = r.Cart.OrderOf(r.Event.Id);
                var decision = RemovalCheck.Apply(chain, r.Cart.BasketBefore(order), OpenAdds.Products(r.Cart, order));
                // An add part of whose item a removal took back out meanwhile is decided for what is left of it.
                var e = r.Cart.Refining[r.Event.Id] is { ReducedByEventId: not null } reduced ? r.Event with { WeightDeltaGrams = reduced.WeightDeltaG } : r.Event;
                await RecordDecisionAsync(r.Cart, e, r.CartEvent, refined, decision, r.Fingerprint, r.Start, CartReplay.RefinedKind).ConfigureAwait(false);
                _metrics.StageLatency.Record(Stopwatch.GetElapsedTime(r.Start).TotalMilliseconds, new KeyValuePair<string, object?>("stage", "refine"));
                return;
            }
            catch (StorageUnavailableException) when (attempt < RefineLogAttempts)
            {
                // The log is briefly unavailable (disk full, locked): try again rather than leave the cart waiting.
            }
            finally
            {
                r.Cart.Gate.Release();
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), _time).ConfigureAwait(false);
        }
    }

    // At start: events the log holds as refining lost their refinement with the last process (their frames are not
    // in the log), so the shopper decides them, from fusion's candidates without text. Logged like any decision.
    private void AskForInterruptedRefinements()
    {
        foreach (var cart in _carts.Values)
        {
            // In log order, each keeping its own time: the prompts come back as the shopper made the events.
            foreach (var ack in cart.Refining.Values.OrderBy(a => cart.OrderOf(a.EventId)).ToArray())
            {
                var order = cart.OrderOf(ack.EventId);
                var held = cart.BasketBefore(order);
                var openAdds = OpenAdds.Products(cart, order);
                EventResult result;
                if (ack.Type == "remove" && held.Lines().Count == 0 && openAdds.Count == 0)
                {
                    // As live (RemovalCheck): a removal from an empty cart has no line to ask about; it is closed as
                    // fusion's guess with nothing taken out.
                    var guess = ack.Stages.FirstOrDefault(st => st.Stage == EscalationPolicy.FusionStage)?.ProductId ?? ack.Evidence.FirstOrDefault()?.ProductId;
                    result = ack with
                    {
                        Status = "accepted",
                        ProductId = guess,
                        DecidedBy = EscalationPolicy.FusionStage,
                        Stages = [.. ack.Stages, new StageRecord(EscalationPolicy.FusionStage, StageOutcome.Accepted, guess, ack.Confidence, null, 0, RemovalCheck.EmptyBasket)],
                    };
                }
                else
                {
                    var stages = ack.Stages.Append(new StageRecord(EscalationPolicy.ShopperStage, StageOutcome.Asked, null, null, null, 0,
                        "label-text refinement interrupted by a restart")).ToArray();
                    // A removal's tiles are what can leave the cart, as everywhere else: the basket's lines and open adds
                    // from before it, never fusion's candidates (which a tap would otherwise "reconcile" into a different line).
                    var candidates = ack.Type == "remove"
                        ? RemovalTiles(cart, held, ShopperTiles.ForRemoval(ack.Evidence, held, openAdds), ack.WeightDeltaG, order)
                        : ack.Candidates;
                    result = ack with { Status = "pending_confirmation", DecidedBy = EscalationPolicy.ShopperStage, Stages = stages, Candidates = candidates };
                }

                var body = JsonSerializer.Serialize(result, ServerJson.Options);
                _log.AppendAsync(cart.Id, CartReplay.RefinedKind, ack.EventId, ack.Type, null, body, result.At, cart.EventFingerprints.GetValueOrDefault(ack.EventId) ?? string.Empty)
                    .GetAwaiter().GetResult();
                CartReplay.ApplyRefined(cart, result, null, body, _views);
            }
        }
    }

    private sealed record Refinement(
        CartState Cart, IncomingEvent Event, CartEvent CartEvent, Resolution Fusion, FusionResolver.PendingLabel? Label, string Fingerprint, long Start);

    /// <summary>Applies the shopper's answer to a pending event.</summary>
    /// <returns>
    /// The body, or an error message for a 404/409/400, or for a 422 (the answer's product cannot weigh what the scale
    /// measured; nothing changes and the event stays pending) with the weight check that refused it.
    /// </returns>
    /// <exception cref="StorageUnavailableException">The log could not commit (nothing is changed).</exception>
    public async Task<(int Status, string Body, WeightCheck? Misfit)> ConfirmAsync(string cartId, string eventId, string? productId)
    {
        // The catalog finds ids whatever their case; the basket, the receipt and the flywheel keep its own spelling, so
        // "pink-lady" and "Pink-Lady" are one line and one answer.
        if (productId is not null && _pipeline.Catalog.TryGet(productId, out var catalogProduct))
        {
            productId = catalogProduct.Id;
        }

        var cart = _carts[cartId];
        var answer = RequestFingerprint.OfAnswer(productId);
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (cart.ConfirmResults.TryGetValue(eventId, out var known))
            {
                if (cart.ConfirmFingerprints.GetValueOrDefault(eventId) is { } closedBy && closedBy.StartsWith(OpenAdds.CancelledFingerprintPrefix, StringComparison.Ordinal))
                {
                    return (409, $"Event '{eventId}' was closed when its item was taken back out (event '{closedBy[OpenAdds.CancelledFingerprintPrefix.Length..]}'); "
                        + "nothing was added, so there is nothing to confirm.", null);
                }

                return cart.ConfirmFingerprints.GetValueOrDefault(eventId) is { } first && first != answer
                    ? (409, $"Event '{eventId}' was already answered differently; an answer cannot be changed.", null)
                    : (200, known, null);
            }

            var pending = cart.Pending.FirstOrDefault(p => p.EventId == eventId);
            if (pending is null && cart.Refining.ContainsKey(eventId))
            {
                return (409, $"Event '{eventId}' is still being decided (its label is being read); answer its confirmation_request if one follows.", null);
            }

            if (pending is null)
            {
                return cart.EventResults.ContainsKey(eventId)
                    ? (409, $"Event '{eventId}' was decided without the shopper; there is nothing to confirm.", null)
                    : (404, $"No pending confirmation for event '{eventId}'.", null);
            }

            // A removal takes only what the cart held when it was acknowledged: basket units and open adds from before it.
            var order = cart.OrderOf(eventId);
            var held = cart.BasketBefore(order);
            if (productId is not null && !pending.Candidates.Any(c => c.ProductId == productId) && !Pickable(cart, pending, productId, held, order))
            {
                // A line (or open add) that came after the removal is in the basket now, but the removal cannot have
                // taken it out: say that, not that it is no line.
                var cameLater = pending.Type != "add" && (cart.Basket.Contains(productId) || OpenAdds.Products(cart).Contains(productId));
                return (400, pending.Type == "add"
                    ? $"'{productId}' is not one of the candidates offered for event '{eventId}', nor a store product."
                    : cameLater
                    ? $"'{productId}' went into the cart after removal '{eventId}', so that removal cannot have taken it out: pick what the cart held before it, or null if nothing was taken out."
                    : $"'{productId}' is not one of the candidates offered for event '{eventId}', nor a line in the basket.", null);
            }

            // The scale measured what went in or came out: a product that cannot weigh that is refused before anything
            // is logged, and the prompt stays open for another answer (a banana's 175 g is not a watermelon).
            if (productId is not null && Misfit(cart, pending.Type, pending.WeightDeltaG, productId, held, order) is { } misfit && _pipeline.Catalog.TryGet(productId, out var answered))
            {
                return (422, WeightFit.Explain(answered, misfit) + (pending.Type == "add"
                    ? " Pick the item you put in, or None of these to find it."
                    : " Pick the item you took out."), misfit);
            }

            // The shopper named the product: it is added, or on a removal that line alone is taken out (never another one
            // "reconciled" in its place: the tile promised that line), or the open add it stands for is closed.
            string? applied = null;
            string? cancelled = null;
            string? detail = null;
            TakenOut? taken = null;
            if (productId is not null && pending.Type == "add")
            {
                applied = productId;
            }
            else if (productId is not null && PlanRemoval(cart, held, productId, pending.WeightDeltaG, order) is { } plan)
            {
                // What the removal's weight explains of that product, across its line and the adds from before it still
                // open (an add whose weight matches better first): whole packs, or loose produce's grams.
                taken = plan;
                applied = Removals.TouchesLine(plan) ? productId : null;
                cancelled = plan.ClosedEventIds.FirstOrDefault();
            }
            else if (productId is not null)
            {
                // The prompt closes rather than asks again: the line it showed has left the basket meanwhile, so there is
                // nothing of it left to take out. Said as known: how it left (another removal, ...) is not.
                detail = $"'{productId}' is no longer in the basket; nothing was removed.";
            }

            var result = new ConfirmResult(eventId, cartId, productId, applied, false, _time.GetUtcNow())
            {
                CancelledEventId = cancelled,
                Detail = detail,
                TakenOut = taken,
                Quantity = applied is null ? 1 : taken?.Units ?? Units(pending, applied, held),
            };
            var body = JsonSerializer.Serialize(result, ServerJson.Options);
            await AppendAsync(cartId, "confirm", eventId, pending.Type, applied, body, result.At, answer).ConfigureAwait(false);
            CartReplay.ApplyConfirm(cart, pending, applied, answer, body, result, _views);
            var frames = cart.PendingFrames.Remove(eventId, out var kept) ? kept : [];
            if (productId is not null)
            {
                Teach(cartId, eventId, CartReplay.Taught(pending), pending.Type, productId, EscalationPolicy.ShopperStage, frames, result.At);
            }

            _metrics.Confirmations.Add(1, new KeyValuePair<string, object?>("answer", productId is null ? "none" : "product"));
            cart.Publish(new ServerEvent("confirmed", body));
            PublishClosedAdds(cart, taken);
            PublishBasket(cart);
            return (200, body, null);
        }
        finally
        {
            cart.Gate.Release();
        }
    }

    // What a shared weight event leaves for this frame: the whole delta less the catalog weight of what each earlier
    // frame sharing it was decided as (whole packs or pieces, as decided). Nothing for the first frame, which cannot
    // know what follows it, nor after an earlier frame that is undecided (waiting for the shopper or its label) or
    // took nothing out. What is left is never below 0 g: one item seen twice leaves the second frame "no change".
    private double? WeightLeft(CartState cart, SharedWeight shared)
    {
        if (shared.EarlierFrameIds.Count == 0)
        {
            return null;
        }

        var left = Math.Abs(shared.TotalDeltaGrams);
        foreach (var id in shared.EarlierFrameIds)
        {
            if (!cart.EventResults.TryGetValue(id, out var body)
                || JsonSerializer.Deserialize<EventResult>(body, ServerJson.Options) is not { Status: "accepted" } earlier
                || (earlier.AppliedProductId ?? earlier.ProductId) is not { } product
                || !_pipeline.Catalog.TryGet(product, out var decided))
            {
                return null;
            }

            left -= decided.UnitWeightGrams * earlier.Quantity;
        }

        return left <= 0 ? 0.0 : Math.CopySign(left, shared.TotalDeltaGrams);
    }

    // Five cartons put in (or taken out) at once weigh five cartons: the answer moves that many units, a removal no more
    // than the line holds. Loose produce is one unit charged by weight.
    private int Units(EventResult pending, string product, Basket held) => Units(pending.Type, pending.WeightDeltaG, product, held);

    private int Units(string type, double? weightDeltaG, string product, Basket held) =>
        !_pipeline.Catalog.TryGet(product, out var p) ? 1
        : type == "add" ? WeightFit.Units(p, weightDeltaG)
        : WeightFit.UnitsTakenOut(p, weightDeltaG, held.Count(product));

    public async Task<BasketView> SnapshotAsync(string cartId)
    {
        var cart = _carts[cartId];
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _views.View(cart);
        }
        finally
        {
            cart.Gate.Release();
        }
    }

    /// <summary>The status <c>GET .../events/{id}</c> reads once the shopper answered the event's prompt.</summary>
    public const string ConfirmedStatus = "confirmed";

    /// <summary>
    /// The event's result as it stands (JSON of an <see cref="EventResult"/>): a <c>refining</c> acknowledgement is
    /// replaced by its decision once the label is read, so a client without the stream polls this. <c>null</c> when
    /// the cart has no such event.
    /// </summary>
    public string? EventResultJson(string cartId, string eventId)
    {
        var cart = _carts[cartId];
        string? body;
        lock (cart.EventResults)
        {
            body = cart.EventResults.GetValueOrDefault(eventId);
        }

        // "As it stands": an answered pending event carries the shopper's answer.
        string? answer;
        lock (cart.ConfirmResults)
        {
            answer = cart.ConfirmResults.GetValueOrDefault(eventId);
        }

        if (body is null || answer is null)
        {
            return body;
        }

        var result = JsonSerializer.Deserialize<EventResult>(body, ServerJson.Options)!;
        var confirmation = JsonSerializer.Deserialize<ConfirmResult>(answer, ServerJson.Options)!;
        // A client that polls rather than reads the stream sees the event closed, and what the answer changed.
        return JsonSerializer.Serialize(result.Status != "pending_confirmation" || confirmation.CancelledByEventId is not null
            ? result with { Confirmation = confirmation }
            : result with { Status = ConfirmedStatus, ProductId = confirmation.ProductId, AppliedProductId = confirmation.AppliedProductId, Confirmation = confirmation },
            ServerJson.Options);
    }

    /// <summary>The basket lines and what the scale measured for them as they stand, copied (a question reads them; it can never change them).</summary>
    public async Task<(IReadOnlyList<BasketLine> Lines, WeighingLedger Weighing)> LinesAsync(string cartId)
    {
        var cart = _carts[cartId];
        await cart.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return (cart.Basket.Lines(), cart.Weighing.Copy());
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
            channel.Writer.TryWrite(new ServerEvent("basket", JsonSerializer.Serialize(_views.View(cart), ServerJson.Options)));
            cart.Subscribers[id] = channel;
        }
        finally
        {
            cart.Gate.Release();
        }

        return (id, channel.Reader);
    }

    public void Unsubscribe(string cartId, Guid id) => _carts[cartId].Subscribers.TryRemove(id, out _);

    // A retried id: its first result when the request is the same, a conflict when it is not. Reads under no gate are
    // safe only for the fast path's miss; the answer is checked again under the gate, where the id is also claimed as
    // in flight (claim: true), in the same lock the frames path checks, so an /events request and a /frames request
    // with one id can never both be acknowledged.
    private string? TryReplay(CartState cart, string eventId, string fingerprint, bool claim = false)
    {
        lock (cart.EventResults)
        {
            if (!cart.EventResults.TryGetValue(eventId, out var known))
            {
                if (cart.FrameClaims.TryGetValue(eventId, out var frame) && frame != fingerprint)
                {
                    throw new CartRejectedException(409, $"Event id '{eventId}' is taken on cart '{cart.Id}' by a frame waiting for its weight (POST /frames); "
                        + "a new event needs a new id.");
                }

                if (claim)
                {
                    cart.InFlight.Add(eventId);
                }

                return null;
            }

            if (cart.EventFingerprints.GetValueOrDefault(eventId) is { } first && first != fingerprint)
            {
                throw new CartRejectedException(409, $"Event id '{eventId}' was already used for a different event on cart '{cart.Id}'; "
                    + "a retry must resend the same body, and a new event needs a new id.");
            }

            _metrics.Replays.Add(1);
            return known;
        }
    }

    private async Task AppendAsync(string cartId, string kind, string refId, string type, string? applied, string body, DateTimeOffset at, string fingerprint)
    {
        try
        {
            await _log.AppendAsync(cartId, kind, refId, type, applied, body, at, fingerprint).ConfigureAwait(false);
        }
        catch (StorageUnavailableException)
        {
            _metrics.StorageFailures.Add(1);
            throw;
        }
    }

    /// <summary>
    /// Learning from a decision the log has just acknowledged: the fusion's learning sources (today the learned weight
    /// statistics) see the event's measured weight under the chosen product, and the example store keeps frames,
    /// weight and label for the next recognizer and VLM round. Only the shopper's answers and the cloud model's
    /// decisions teach: fusion's own accepted guesses (and the on-device model's, which fusion's candidates steer)
    /// never do, because learning from the system's own outputs would reinforce its mistakes (self-training drift).
    /// </summary>
    private void Teach(string cartId, string eventId, CartEvent cartEvent, string type, string productId, string stage, IReadOnlyList<ReadOnlyMemory<byte>> frames, DateTimeOffset at)
    {
        _pipeline.Learn(cartEvent, productId, cartId);
        _examples.Write(cartId, eventId, type, productId, stage, cartEvent.WeightDeltaGrams, frames, at);
    }

    // Open adds a removal closed: their prompts end on the screen like answered ones. One it reduced is asked again,
    // for what is left of it (the basket that follows carries it too).
    private static void PublishClosedAdds(CartState cart, TakenOut? taken)
    {
        foreach (var addId in taken?.ClosedEventIds ?? [])
        {
            if (cart.ConfirmResults.GetValueOrDefault(addId) is { } closed)
            {
                cart.Publish(new ServerEvent("confirmed", closed));
            }
        }

        if (taken?.ReducedEventId is { } reduced && cart.Pending.FirstOrDefault(p => p.EventId == reduced) is { } open)
        {
            cart.Publish(new ServerEvent("confirmation_request", JsonSerializer.Serialize(open, ServerJson.Options)));
        }
    }

    /// <summary>
    /// What a removal (log order <paramref name="order"/>) of <paramref name="productId"/> takes out (<see cref="Removals.Plan"/>),
    /// an open add whose weight matches it better than the line's first (<see cref="TakenBack"/>); null when the cart held
    /// none of it before the removal.
    /// </summary>
    private TakenOut? PlanRemoval(CartState cart, Basket held, string productId, double? removedGrams, int order) =>
        _pipeline.Catalog.TryGet(productId, out var product)
            ? Removals.Plan(cart, held, product, removedGrams, order, TakenBack(cart, held, productId, removedGrams, order))
            : null;

    private void PublishBasket(CartState cart) =>
        cart.Publish(new ServerEvent("basket", JsonSerializer.Serialize(_views.View(cart), ServerJson.Options)));

    private static Basket Copy(Basket basket)
    {
        var copy = new Basket();
        foreach (var line in basket.Lines())
        {
            copy.Add(line.Product, line.Qty);
        }

        return copy;
    }

    /// <summary>
    /// Beyond the tiles, the screen's picker ("none of these", then search or browse) may name any store product for
    /// an add, but for a removal only what the cart held when the removal happened and still holds: a basket unit put
    /// in before it, or an add from before it still open (the item just put in, taken back out). Nothing else can have
    /// left the cart: a line added after the removal was not there to take out.
    /// </summary>
    private bool Pickable(CartState cart, EventResult pending, string productId, Basket held, int order) =>
        pending.Type == "add"
            ? _pipeline.Catalog.TryGet(productId, out _)
            : held.Contains(productId) || OpenAdds.Products(cart, order).Contains(productId);

    /// <summary>
    /// Why the shopper's answer <paramref name="productId"/> cannot be what the scale weighed for an event of <paramref name="type"/>
    /// (<paramref name="weightDeltaG"/>, <see cref="WeightFit.Check"/>), or null when it can, the weight did not settle, or the answer would change
    /// nothing. An add fits the product's rule (a cut piece of produce sold cut included). A removal takes out a unit
    /// the scale saw go in: it fits when it weighs what that unit weighed (the open add it closes, or the basket unit
    /// the ledger would take, within <see cref="WeightFit.SameItem"/>), or what one unit of the product weighs (a cut
    /// piece only while the cart holds a unit of it whose weight never settled): 175 g is neither a 3 kg watermelon
    /// that went in whole nor a carton of milk. A weight that says "no change" (<see cref="WeightFit.IsNoChange"/>)
    /// rules nothing out: the join gives it to a frame whose item's weight another frame took (the second of a quick
    /// double add) as well as to one that moved nothing, so the shopper's answer decides, as with an unsettled weight
    /// (before, every tile of such a prompt was refused and the item could only be left off the bill).
    /// </summary>
    private WeightCheck? Misfit(CartState cart, string type, double? weightDeltaG, string productId, Basket held, int order)
    {
        if (weightDeltaG is not { } delta || !double.IsFinite(delta) || WeightFit.IsNoChange(delta) || !_pipeline.Catalog.TryGet(productId, out var product))
        {
            return null;
        }

        if (type == "add")
        {
            return WeightFit.Check(product, delta) is { Fits: false } misfit ? misfit : null;
        }

        // Loose produce leaves by weight: several whole pieces out at once, which the line and the open adds explain to
        // the gram, fit however many pieces that is (eight bananas are more than five typical ones). A part of a unit
        // must still weigh what the product can (below): 175 g is no slice of a watermelon that went in whole.
        if (product.IsLoose && PlanRemoval(cart, held, productId, delta, order) is { UnexplainedG: null, PartOfG: null, ReducedEventId: null } plan
            && plan.Units + plan.ClosedEventIds.Count > 1)
        {
            return null;
        }

        // The unit that would leave, and whether one that could leave was never weighed (then it may be a cut piece).
        double? unitGrams;
        bool unweighed;
        if (TakenBack(cart, held, productId, delta, order) is { } add)
        {
            (unitGrams, unweighed) = (add.WeightDeltaG, add.WeightDeltaG is null);
        }
        else if (held.Contains(productId))
        {
            unitGrams = cart.Weighing.UnitToRemove(productId, delta);
            unweighed = unitGrams is null || cart.Weighing.Unweighed(productId) > 0;
        }
        else
        {
            return null;
        }

        if (unitGrams is { } unit && WeightFit.SameItem(unit, delta))
        {
            return null;
        }

        return WeightFit.Check(product, delta, cutPieces: unweighed) is { Fits: false } check ? check : null;
    }

    /// <summary>
    /// The open add a removal (log order <paramref name="order"/>) of <paramref name="productId"/> closes rather than
    /// a basket unit: when the basket held none of the product before the removal, the best open add
    /// (<see cref="OpenAdds.Match"/>); when it held some, only an add whose weight is nearer the removal's than the
    /// basket unit's (the removal's measured weight says which unit left; unmeasured, the basket's unit does).
    /// </summary>
    private EventResult? TakenBack(CartState cart, Basket held, string productId, double? removedGrams, int order)
    {
        if (OpenAdds.Match(cart, productId, removedGrams, order) is not { } add)
        {
            return null;
        }

        if (!held.Contains(productId))
        {
            return add;
        }

        if (add.WeightDeltaG is not { } added || removedGrams is not { } removed || !double.IsFinite(added) || !double.IsFinite(removed))
        {
            return null;
        }

        // Several packs out at once: what the line would give of them (as many as it holds), against the add's weight.
        var known = _pipeline.Catalog.TryGet(productId, out var product);
        var packs = known ? WeightFit.Units(product!, removed) : 1;
        var unit = packs > 1
            ? Math.Min(packs, held.Count(productId)) * product!.UnitWeightGrams
            : cart.Weighing.UnitToRemove(productId, removed) ?? (known ? product!.UnitWeightGrams : double.PositiveInfinity);
        return Math.Abs(added + removed) < Math.Abs(unit + removed) ? add : null;
    }

    /// <summary>
    /// A removal's tiles from <paramref name="candidates"/> (the basket's lines and open adds from before it, fusion's
    /// likeliest first: <see cref="ShopperTiles"/>), ordered and filtered by the weight the scale took off. With a
    /// settled weight (not "no change", <see cref="WeightFit.IsNoChange"/>) a line whose answer the scale would refuse
    /// (<see cref="Misfit"/>: the 422 of <c>POST /confirm</c>) is left out, since no tap on it can succeed, and the rest
    /// come in order of how well the unit that would leave explains the weight (<see cref="RemovalGap"/>: a weight that
    /// matches it first, then the smallest gap, then fusion's order). Without a settled weight, or when no line fits,
    /// nothing is known to order by: all of them in fusion's order, or none (the screen's "Another item" lists the
    /// basket's other lines either way, and the server still answers a tap on one, with its reason when it refuses).
    /// </summary>
    private CandidateView[] RemovalTiles(CartState cart, Basket held, IEnumerable<ChoiceCandidate> candidates, double? removedGrams, int order)
    {
        var all = candidates.ToArray();
        if (removedGrams is not { } removed || !double.IsFinite(removed) || WeightFit.IsNoChange(removed))
        {
            return all.Select(c => RemovalTile(cart, held, c.ProductId, c.FusionPosterior, removedGrams, order)).ToArray();
        }

        return all.Select((c, i) => (Candidate: c, Fusion: i, Fit: RemovalGap(cart, held, c.ProductId, removed, order)))
            .Where(x => Misfit(cart, "remove", removed, x.Candidate.ProductId, held, order) is null)
            .OrderByDescending(x => x.Fit.Matches)
            .ThenBy(x => x.Fit.Gap)
            .ThenBy(x => x.Fusion)
            .Select(x => RemovalTile(cart, held, x.Candidate.ProductId, x.Candidate.FusionPosterior, removedGrams, order))
            .ToArray();
    }

    /// <summary>
    /// How well a removal of <paramref name="removedGrams"/> is <paramref name="productId"/> leaving: the weights the unit
    /// that would leave is known by (the open add it would close, else the basket unit the ledger would take, and the
    /// catalog's weight for as many units as the removal takes out), whether one is the same item
    /// (<see cref="WeightFit.SameItem"/>), and the smallest relative gap between one and the measured weight.
    /// </summary>
    private (bool Matches, double Gap) RemovalGap(CartState cart, Basket held, string productId, double removedGrams, int order)
    {
        var known = new List<double>(2);
        if (TakenBack(cart, held, productId, removedGrams, order) is { } add)
        {
            if (add.WeightDeltaG is { } added && double.IsFinite(added) && !WeightFit.IsNoChange(added))
            {
                known.Add(Math.Abs(added));
            }
        }
        else if (held.Contains(productId) && cart.Weighing.UnitToRemove(productId, removedGrams) is { } unit)
        {
            known.Add(unit);
        }

        if (_pipeline.Catalog.TryGet(productId, out var product))
        {
            known.Add(product.UnitWeightGrams * WeightFit.UnitsTakenOut(product, removedGrams, held.Count(productId)));
        }

        var grams = Math.Abs(removedGrams);
        return known.Count == 0
            ? (false, double.MaxValue)
            : (known.Any(w => WeightFit.SameItem(w, grams)), known.Min(w => Math.Abs(w - grams) / Math.Max(w, grams)));
    }

    /// <summary>
    /// A removal's tile for <paramref name="productId"/>, priced as what tapping it does: the open add it would close
    /// at that add's own weight (what the add would have charged; the total does not change), else the basket line's
    /// credit, the line total before minus after (<see cref="CartViews.RemovalTile"/>), else a unit at the catalog weight.
    /// </summary>
    private CandidateView RemovalTile(CartState cart, Basket held, string productId, double posterior, double? removedGrams, int order) =>
        PlanRemoval(cart, held, productId, removedGrams, order) is not { } plan ? _views.Candidate(productId, posterior)
        : Removals.TouchesLine(plan) ? _views.RemovalTile(cart, productId, posterior, removedGrams, plan)
        : OpenAdds.Of(cart, order).FirstOrDefault(a => a.EventId == (plan.ClosedEventIds.FirstOrDefault() ?? plan.ReducedEventId)) is { } add
            ? _views.Candidate(productId, posterior, plan.ClosedEventIds.Count > 0 ? add.WeightDeltaG : add.WeightDeltaG - plan.ReducedToG)
        : _views.Candidate(productId, posterior);
}
