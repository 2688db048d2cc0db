using System.Globalization;
using System.Text.Json;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Scale;
using BasketReasoner.Core.Vision;
using BasketReasoner.Server.Api;
using BasketReasoner.Server.Carts;
using BasketReasoner.Server.Durability;
using BasketReasoner.Server.Telemetry;

namespace BasketReasoner.Server.Sensors;

/// <summary>
/// The raw-sensor side of the carts: one <see cref="SensorJoin"/> per cart, fed under the cart's sensor gate so
/// that one cart's readings and frames are taken in order, while different carts run in parallel. Joined events go
/// through <see cref="CartService.SubmitAsync"/>, the path of posted events (resolution, escalation, the durable log,
/// the screen), in the order they were joined. What is durable is those events; readings, the detector's state and
/// frames still waiting are memory only and are lost if the server stops. The readings' clock is the cart's, so it is
/// bounded by the server's (<see cref="TimeProvider"/>): a batch may not jump, nor a frame lead, further ahead than
/// <c>Server:MaxScaleGapMs</c> / <c>Server:MaxFrameLeadMs</c> plus the server time since the last reading, a new frame
/// may not lag further behind the last reading than <c>Server:MaxFrameLagMs</c>, and a frame
/// waits for its weight at most <c>Server:FrameWaitTimeoutMs</c> of server time (a sweep on the server's clock resolves
/// it without a weight and says so).
/// </summary>
internal sealed class SensorService : IDisposable
{
    private readonly CartService _carts;
    private readonly CartServerOptions _options;
    private readonly ServerMetrics _metrics;
    private readonly Dictionary<string, (SemaphoreSlim Gate, SensorJoin Join)> _sensors;
    private readonly TimeSpan _frameTimeout;
    private readonly ITimer _sweep;
    private int _sweeping;

    public SensorService(CartService carts, CartServerOptions options, ServerMetrics metrics, TimeProvider time)
    {
        _carts = carts;
        _options = options;
        _metrics = metrics;
        _sensors = Create(carts, options, time);
        _frameTimeout = TimeSpan.FromMilliseconds(options.FrameWaitTimeoutMs);

        // Often enough that a frame is resolved within a few percent of its timeout, never busier than 10 times a second.
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.FrameWaitTimeoutMs / 20, 100, 1000));
        _sweep = time.CreateTimer(_ => _ = SweepAsync(), null, period, period);
    }

    /// <summary>Accepts a batch of readings and resolves whatever they complete.</summary>
    /// <returns>The ack, or a 409 message when the batch does not start after the last accepted reading.</returns>
    /// <exception cref="CartRejectedException">400: the batch jumps too far ahead of the cart's last reading.</exception>
    public async Task<(SensorAck? Ack, string? Conflict, double? LastTMs)> ScaleAsync(string cartId, IReadOnlyList<(double TMs, double Grams)> samples)
    {
        var (gate, join) = _sensors[cartId];
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (join.LastTMs is { } last && samples[0].TMs <= last)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"Cart '{cartId}' already has readings up to t_ms {last}; a batch must start after it (a retried batch that was accepted is not sent again)."), last);
            }

            if (join.LastTMs is { } previous && Ahead(samples[0].TMs, previous, _options.MaxScaleGapMs, join) is { } allowed)
            {
                // One reading far in the future would set the cart's clock there for good (every later batch a 409).
                throw new CartRejectedException(400,
                    Invariant($"samples[0].t_ms is {samples[0].TMs}, {samples[0].TMs - previous} ms after cart '{cartId}''s last reading (t_ms {previous}); a batch may start at most ")
                    + Invariant($"{allowed:0} ms after it (Server:MaxScaleGapMs plus the time since that reading arrived). Send every reading on the scale's one clock ")
                    + "(milliseconds since it started, not the time of day).");
            }

            var decided = new List<(TimedWeight Weight, string? FrameId)>();
            var dropped = join.Push(samples, decided);
            _metrics.ScaleSamples.Add(samples.Count);
            foreach (var (weight, _) in decided)
            {
                _metrics.WeightEvents.Add(1, new KeyValuePair<string, object?>("settled", weight.Settled ? "true" : "false"));
            }

            var views = decided.Select(d => new WeightEventView(d.Weight.OnsetMs, d.Weight.TMs, d.Weight.DeltaG, d.Weight.EstimatedDeltaG, d.Weight.Settled, d.FrameId)).ToArray();
            Expire(cartId, join);
            return (await DrainAsync(cartId, join, samples.Count, views, dropped, []).ConfigureAwait(false), null, join.LastTMs);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes a frame: joins it with a waiting weight event, or keeps it until one comes or its window passes.</summary>
    /// <exception cref="CartRejectedException">
    /// 400: a new frame's <c>t_ms</c> is too far ahead of or behind the cart's last reading;
    /// 409: the id was used for an event posted to <c>/events</c> (recorded or being decided) or for a frame with another
    /// type, time or images; 429: the cart has too many frames waiting. Nothing is acknowledged or kept.
    /// </exception>
    public async Task<SensorAck> FrameAsync(string cartId, IncomingEvent frame, double tMs)
    {
        var (gate, join) = _sensors[cartId];
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (join.LastTMs is { } last && Ahead(tMs, last, _options.MaxFrameLeadMs, join) is { } allowed)
            {
                // A frame on another clock (epoch ms against the scale's uptime) would wait for readings that never reach
                // it while its weight event is dropped.
                throw new CartRejectedException(400,
                    Invariant($"'t_ms' is {tMs}, {tMs - last} ms ahead of cart '{cartId}''s last reading (t_ms {last}); a frame may be at most {allowed:0} ms ahead ")
                    + "(Server:MaxFrameLeadMs plus the time since that reading arrived). Stamp frames on the scale readings' clock.");
            }

            var known = new List<EventResult>();
            var cart = _carts.Cart(cartId);
            var fingerprint = RequestFingerprint.OfFrame(frame, tMs);
            frame = frame with { Fingerprint = fingerprint };

            // One id space with /events, checked and claimed in the lock the events path checks and claims in: the
            // same frame again is answered, anything else with this id is a 409 before anything is acknowledged.
            string? body;
            lock (cart.EventResults)
            {
                if (cart.EventResults.TryGetValue(frame.Id, out body))
                {
                    if (cart.EventFingerprints.GetValueOrDefault(frame.Id) != fingerprint)
                    {
                        throw Conflict(cartId, frame.Id);
                    }
                }
                else if (cart.InFlight.Contains(frame.Id) || (cart.FrameClaims.TryGetValue(frame.Id, out var claimed) && claimed != fingerprint))
                {
                    throw Conflict(cartId, frame.Id);
                }
                else if (!cart.FrameClaims.ContainsKey(frame.Id))
                {
                    // Only a new frame: a retry of one already taken is answered (from the log, or once it resolves),
                    // however far the readings have moved on since.
                    if (join.LastTMs is { } latest && latest - tMs > _options.MaxFrameLagMs)
                    {
                        // A frame on another clock (uptime against epoch readings, a t_ms of 0) would be resolved at once
                        // against readings the join no longer remembers, told "no change" or billed on sight alone.
                        throw new CartRejectedException(400,
                            Invariant($"'t_ms' is {tMs}, {latest - tMs} ms behind cart '{cartId}''s last reading (t_ms {latest}); a new frame may be at most ")
                            + Invariant($"{_options.MaxFrameLagMs:0} ms behind (Server:MaxFrameLagMs). Stamp frames on the scale readings' clock and send each soon after it is taken."));
                    }

                    if (join.WaitingFrames >= _options.MaxWaitingFrames)
                    {
                        throw new CartRejectedException(429,
                            $"Cart '{cartId}' has {join.WaitingFrames} frames waiting for their weight; send the scale's readings (POST /scale) first.",
                            TimeSpan.FromSeconds(1));
                    }

                    cart.FrameClaims[frame.Id] = fingerprint;
                }
            }

            Expire(cartId, join);
            if (body is not null)
            {
                // Already resolved (a retry): answered from the log's copy, nothing joins again.
                known.Add(JsonSerializer.Deserialize<EventResult>(body, ServerJson.Options)!);
            }
            else if (!join.Holds(frame.Id))
            {
                var dropped = join.Add(frame, tMs);
                return await DrainAsync(cartId, join, 0, [], dropped, known).ConfigureAwait(false);
            }

            return await DrainAsync(cartId, join, 0, [], 0, known).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static CartRejectedException Conflict(string cartId, string id) => new(409,
        $"Frame id '{id}' was already sent to cart '{cartId}' with a different type, time or images, or used for an event posted to /events "
        + "(the two share ids); a retry must repeat the first request, a new frame needs a new id.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Stops the expiry sweep (the server is stopping).</summary>
    public void Dispose() => _sweep.Dispose();

    // How far ahead of the last reading a time may be: the configured margin plus the server time since that reading
    // arrived (a paused cart's clock moved on too). Null when tMs is within it, else the margin it broke.
    private static double? Ahead(double tMs, double last, double marginMs, SensorJoin join)
    {
        var allowed = marginMs + join.SinceLastReading.TotalMilliseconds;
        return tMs - last > allowed ? allowed : null;
    }

    // Frames that waited past Server:FrameWaitTimeoutMs of server time are resolved without a weight, and said so: on
    // the cart's stream now, in the cart's next sensor answer (expired_frames) and in the metric. Under the sensor gate.
    private int Expire(string cartId, SensorJoin join)
    {
        var overdue = join.ExpireOverdue(_frameTimeout);
        if (overdue.Count == 0)
        {
            return 0;
        }

        _metrics.FramesExpired.Add(overdue.Count);
        var cart = _carts.Cart(cartId);
        foreach (var (id, tMs, waited) in overdue)
        {
            cart.Publish(new ServerEvent("frame_expired", JsonSerializer.Serialize(
                new FrameExpiredView(id, tMs, join.LastTMs, Math.Round(waited.TotalMilliseconds)), ServerJson.Options)));
        }

        return overdue.Count;
    }

    // The server's clock: frames no reading will ever reach are resolved by the sweep, not left waiting for a call.
    private async Task SweepAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (cartId, (gate, join)) in _sensors)
            {
                if (join.WaitingFrames == 0)
                {
                    continue;
                }

                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (Expire(cartId, join) > 0)
                    {
                        await DrainAsync(cartId, join, 0, [], 0, [], report: false).ConfigureAwait(false);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (Exception ex)
        {
            // A sweep that fails (the log down) leaves the frames queued: the cart's next sensor call resolves them.
            Console.Error.WriteLine($"sensor sweep failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    // Resolves the joined events in order. A limit (429/503) or a storage failure stops here and keeps the rest for
    // the next call; an event that can never resolve (its id was used for another event, a frame that does not
    // decode) is dropped with the reason.
    private async Task<SensorAck> DrainAsync(string cartId, SensorJoin join, int samples, WeightEventView[] weights, int dropped, List<EventResult> events, bool report = true)
    {
        _metrics.WeightEventsDropped.Add(dropped);
        string? reason = null;
        var cart = _carts.Cart(cartId);
        while (join.Ready.TryPeek(out var next))
        {
            try
            {
                var (body, _) = await _carts.SubmitAsync(cartId, next).ConfigureAwait(false);
                events.Add(JsonSerializer.Deserialize<EventResult>(body, ServerJson.Options)!);
                join.Ready.Dequeue();
                Release(cart, next.Id);
            }
            catch (CartRejectedException ex) when (ex.Status != 409)
            {
                reason = ex.Message;
                break;
            }
            catch (StorageUnavailableException ex)
            {
                reason = "The event log is unavailable: " + ex.Message;
                break;
            }
            catch (Exception ex) when (ex is CartRejectedException or InvalidImageException)
            {
                join.Ready.Dequeue();
                Release(cart, next.Id);
                reason = $"Event '{next.Id}' was dropped: {ex.Message}";
            }
        }

        // The expired frames are reported to the cart's own call; the sweep keeps them for that call.
        return new SensorAck(cartId, samples, join.LastTMs, weights, events, join.WaitingFrames, dropped, join.Ready.Count, reason)
        {
            ExpiredFrames = report ? join.TakeExpired() : [],
        };
    }

    // A joined frame was recorded (its id now answers from EventResults) or dropped: its claim ends.
    private static void Release(CartState cart, string id)
    {
        lock (cart.EventResults)
        {
            cart.FrameClaims.Remove(id);
        }
    }

    private static Dictionary<string, (SemaphoreSlim, SensorJoin)> Create(CartService carts, CartServerOptions options, TimeProvider time)
    {
        var detector = new WeightEventDetectorOptions { SampleRateHz = options.ScaleSampleRateHz };
        return carts.CartIds.ToDictionary(id => id, id => (new SemaphoreSlim(1, 1), new SensorJoin(detector, options.FrameJoinWindowMs, options.MaxFrameLagMs, time)), StringComparer.Ordinal);
    }
}
