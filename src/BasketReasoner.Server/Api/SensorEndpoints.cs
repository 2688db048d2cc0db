using System.Globalization;
using BasketReasoner.Composition.Options;
using BasketReasoner.Server.Sensors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BasketReasoner.Server.Api;

/// <summary>The raw-sensor routes: the scale's readings and the cameras' frames, joined on the server (<see cref="SensorJoin"/>).</summary>
internal static class SensorEndpoints
{
    public static void Map(RouteGroupBuilder carts)
    {
        carts.MapPost("/scale", PostScaleAsync).WithName("PostScale")
            .WithSummary("Sends a batch of the load cell's raw readings; the server's per-cart detector turns them into weight events.")
            .WithDescription("Readings must be finite, in strictly increasing `t_ms`, and start after the cart's last accepted reading (409 otherwise, "
                + "e.g. a retried batch that was accepted; the problem's `last_t_ms` member holds that reading's time). 400 also when the batch jumps "
                + "further ahead of that reading than Server:MaxScaleGapMs plus the server time since it arrived, or two of its readings are further apart "
                + "than Server:MaxScaleGapMs (a reading on another clock). `expired_frames` lists frames resolved without a weight because none came "
                + "within Server:FrameWaitTimeoutMs of server time. Weight events are joined with frames from POST /frames (see the server README); "
                + "the events this completes are resolved like POST /events and returned in `events`. Readings and frames still waiting are "
                + "held in memory only: a server restart loses them, while resolved events are durable.")
            .Accepts<ScaleRequest>("application/json")
            .Produces<SensorAck>()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);
        carts.MapPost("/frames", PostFramesAsync).WithName("PostFrames")
            .WithSummary("Sends the camera frames of an item that went in or out at `t_ms` (the scale samples' clock); its weight comes from the scale.")
            .WithDescription("The frame is joined with the weight event whose onset is within Server:FrameJoinWindowMs of `t_ms` and whose sign fits "
                + "`type`; with none by the time the readings pass that window it is resolved without a weight. The event takes the frame's `id` "
                + "(a retry returns it once resolved). 400 when `t_ms` is further ahead of the cart's last reading than Server:MaxFrameLeadMs plus "
                + "the server time since that reading arrived, or when a new frame's `t_ms` is further behind that reading than Server:MaxFrameLagMs "
                + "(a frame on another clock). A frame waits for its weight at most Server:FrameWaitTimeoutMs "
                + "of server time, then it is resolved without one and listed in `expired_frames`. "
                + "Frames and POST /events share one id space per cart: the same frame again is answered, "
                + "while an id already used by an event posted to /events, or by a frame with another type, time or images, is 409 and nothing is kept. "
                + "429: too many frames waiting.")
            .Accepts<SensorFrameRequest>("application/json")
            .Produces<SensorAck>()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(429);
    }

    private static async Task<IResult> PostScaleAsync(string cartId, HttpContext http, SensorService sensors, CartServerOptions options)
    {
        var (body, problem) = await CartEndpoints.ReadBodyAsync<ScaleRequest>(http, cartId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (samples, error) = Validate(body, options.MaxSamplesPerBatch, options.MaxScaleGapMs);
        if (samples is null)
        {
            return Problems.Of(400, error!);
        }

        try
        {
            var (ack, conflict, last) = await sensors.ScaleAsync(cartId, samples).ConfigureAwait(false);

            // The last accepted reading rides along, so that a cart whose clock restarted can continue after it.
            return ack is null
                ? Results.Problem(detail: conflict, statusCode: 409, title: Problems.Title(409), extensions: new Dictionary<string, object?> { ["last_t_ms"] = last })
                : Results.Json(ack, ServerJson.Options);
        }
        catch (Exception ex) when (ErrorResponses.Known(http, ex) is { } known)
        {
            return known;
        }
    }

    private static async Task<IResult> PostFramesAsync(string cartId, HttpContext http, SensorService sensors, CartServerOptions options)
    {
        var (body, problem) = await CartEndpoints.ReadBodyAsync<SensorFrameRequest>(http, cartId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body is null)
        {
            return Problems.Of(400, "The body must be a JSON object with id, type, t_ms and frames.");
        }

        // The frames are checked exactly as an event's; the weight is the scale's to give.
        var (incoming, status, error) = EventValidation.Validate(new EventRequest { Id = body.Id, Type = body.Type, Frames = body.Frames }, options);
        if (incoming is null)
        {
            return Problems.Of(status, error!);
        }

        if (body.TMs is not { } t || !double.IsFinite(t) || t < 0 || t > 1e15)
        {
            return Problems.Of(400, $"'t_ms' is required: when the cameras saw the item move, in milliseconds on the scale samples' clock (0 to 1e15), not {Show(body.TMs)}.");
        }

        try
        {
            return Results.Json(await sensors.FrameAsync(cartId, incoming, t).ConfigureAwait(false), ServerJson.Options);
        }
        catch (Exception ex) when (ErrorResponses.Known(http, ex) is { } known)
        {
            return known;
        }
    }

    /// <summary>The batch as (t_ms, grams) pairs, or the first problem found.</summary>
    /// <param name="r">The request.</param>
    /// <param name="maxSamples">Server:MaxSamplesPerBatch.</param>
    /// <param name="maxGapMs">Server:MaxScaleGapMs: two readings of one batch are at most this far apart (one reading far ahead would set the cart's clock there).</param>
    internal static (List<(double TMs, double Grams)>? Samples, string? Error) Validate(ScaleRequest? r, int maxSamples, double maxGapMs)
    {
        if (r?.Samples is not { Count: > 0 } list)
        {
            return (null, "'samples' must hold at least one {t_ms, grams} reading.");
        }

        if (list.Count > maxSamples)
        {
            return (null, $"At most {maxSamples} samples per batch; got {list.Count}. Send smaller batches.");
        }

        var samples = new List<(double, double)>(list.Count);
        var previous = double.NegativeInfinity;
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (s?.TMs is not { } t || !double.IsFinite(t) || t < 0 || t > 1e15)
            {
                return (null, $"samples[{i}].t_ms must be a finite number of milliseconds from 0 to 1e15, not {Show(s?.TMs)}.");
            }

            if (s.Grams is not { } g || !double.IsFinite(g) || Math.Abs(g) > 100_000)
            {
                return (null, $"samples[{i}].grams must be a finite reading within ±100000 grams, not {Show(s.Grams)}.");
            }

            if (t <= previous)
            {
                return (null, $"samples[{i}].t_ms is {Show(t)}, not after samples[{i - 1}].t_ms ({Show(previous)}): readings must be in strictly increasing time.");
            }

            if (i > 0 && t - previous > maxGapMs)
            {
                return (null, $"samples[{i}].t_ms is {Show(t)}, {Show(t - previous)} ms after samples[{i - 1}].t_ms: readings of one batch are at most "
                    + $"{Show(maxGapMs)} ms apart (Server:MaxScaleGapMs). Send every reading on the scale's one clock.");
            }

            previous = t;
            samples.Add((t, g));
        }

        return (samples, null);
    }

    private static string Show(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "missing";
}
