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
/// frames still waiting are memory only and are lost if the server stops.
/// </summary>
internal sealed class SensorService(CartService carts, CartServerOptions options, ServerMetrics metrics)
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, SensorJoin Join)> _sensors = Create(carts, options);

    /// <summary>Accepts a batch of readings and resolves whatever they complete.</summary>
    /// <returns>The ack, or a 409 message when the batch does not start after the last accepted reading.</returns>
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

            var decided = new List<(TimedWeight Weight, string? FrameId)>();
            var dropped = join.Push(samples, decided);
            metrics.ScaleSamples.Add(samples.Count);
            foreach (var (weight, _) in decided)
            {
                metrics.WeightEvents.Add(1, new KeyValuePair<string, object?>("settled", weight.Settled ? "true" : "false"));
            }

            var views = decided.Select(d => new WeightEventView(d.Weight.OnsetMs, d.Weight.TMs, d.Weight.DeltaG, d.Weight.EstimatedDeltaG, d.Weight.Settled, d.FrameId)).ToArray();
            return (await DrainAsync(cartId, join, samples.Count, views, dropped, []).ConfigureAwait(false), null, join.LastTMs);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes a frame: joins it with a waiting weight event, or keeps it until one comes or its window passes.</summary>
    /// <exception cref="CartRejectedException">
    /// 409: the id was used for an event posted to <c>/events</c> (recorded or being decided) or for a frame with another
    /// type, time or images; 429: the cart has too many frames waiting. Nothing is acknowledged or kept.
    /// </exception>
    public async Task<SensorAck> FrameAsync(string cartId, IncomingEvent frame, double tMs)
    {
        var (gate, join) = _sensors[cartId];
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var known = new List<EventResult>();
            var cart = carts.Cart(cartId);
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
                    if (join.WaitingFrames >= options.MaxWaitingFrames)
                    {
                        throw new CartRejectedException(429,
                            $"Cart '{cartId}' has {join.WaitingFrames} frames waiting for their weight; send the scale's readings (POST /scale) first.",
                            TimeSpan.FromSeconds(1));
                    }

                    cart.FrameClaims[frame.Id] = fingerprint;
                }
            }

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

    // Resolves the joined events in order. A limit (429/503) or a storage failure stops here and keeps the rest for
    // the next call; an event that can never resolve (its id was used for another event, a frame that does not
    // decode) is dropped with the reason.
    private async Task<SensorAck> DrainAsync(string cartId, SensorJoin join, int samples, WeightEventView[] weights, int dropped, List<EventResult> events)
    {
        metrics.WeightEventsDropped.Add(dropped);
        string? reason = null;
        var cart = carts.Cart(cartId);
        while (join.Ready.TryPeek(out var next))
        {
            try
            {
                var (body, _) = await carts.SubmitAsync(cartId, next).ConfigureAwait(false);
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

        return new SensorAck(cartId, samples, join.LastTMs, weights, events, join.WaitingFrames, dropped, join.Ready.Count, reason);
    }

    // A joined frame was recorded (its id now answers from EventResults) or dropped: its claim ends.
    private static void Release(CartState cart, string id)
    {
        lock (cart.EventResults)
        {
            cart.FrameClaims.Remove(id);
        }
    }

    private static Dictionary<string, (SemaphoreSlim, SensorJoin)> Create(CartService carts, CartServerOptions options)
    {
        var detector = new WeightEventDetectorOptions { SampleRateHz = options.ScaleSampleRateHz };
        return carts.CartIds.ToDictionary(id => id, id => (new SemaphoreSlim(1, 1), new SensorJoin(detector, options.FrameJoinWindowMs)), StringComparer.Ordinal);
    }
}
