using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace BasketReasoner.Server.Api;

// Wire shapes of the raw-sensor routes (see SensorJoin for how frames and weight events are paired).

/// <summary><c>POST /v1/carts/{cartId}/scale</c> body: the load cell's raw readings, oldest first.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ScaleRequest
{
    /// <summary>
    /// Readings in strictly increasing <c>t_ms</c>, all later than the cart's last accepted reading; at most
    /// Server:MaxSamplesPerBatch (2000 by default).
    /// </summary>
    [Required]
    [MinLength(1)]
    public List<ScaleSample>? Samples { get; set; }
}

/// <summary>One load-cell reading.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ScaleSample
{
    /// <summary>Milliseconds on the cart's own sample clock (any origin, never going back); <c>t_ms</c> of frames uses the same clock.</summary>
    [Required]
    [Range(0, 1e15)]
    public double? TMs { get; set; }

    /// <summary>The reading in grams (finite, within ±100000).</summary>
    [Required]
    [Range(-100_000, 100_000)]
    public double? Grams { get; set; }
}

/// <summary>
/// <c>POST /v1/carts/{cartId}/frames</c> body: the cameras saw an item go in or out at <c>t_ms</c>; the weight comes
/// from the cart's own samples.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class SensorFrameRequest
{
    /// <summary>
    /// Client-chosen id, unique per cart and shared with POST /events; it becomes the event's id (a retry with the same
    /// id is answered from the first). Characters as an event's id.
    /// </summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    [RegularExpression(ResourceIds.Pattern)]
    public string? Id { get; set; }

    /// <summary><c>add</c> or <c>remove</c>.</summary>
    [Required]
    [AllowedValues("add", "remove")]
    public string? Type { get; set; }

    /// <summary>When the cameras saw the item move, on the clock of the scale samples' <c>t_ms</c>.</summary>
    [Required]
    [Range(0, 1e15)]
    public double? TMs { get; set; }

    /// <summary>The camera frames, as in <c>POST /events</c>.</summary>
    [Required]
    [MinLength(1)]
    public List<FrameRequest>? Frames { get; set; }
}

/// <summary>A weight change the server's detector decided from the cart's samples.</summary>
/// <param name="OnsetMs">When the reading left its level (sample clock).</param>
/// <param name="TMs">When it was decided: settled, or given up.</param>
/// <param name="DeltaG">Settled change in grams; <c>null</c> when the scale did not settle.</param>
/// <param name="EstimatedDeltaG">Best guess of the change even when unsettled.</param>
/// <param name="Settled">Whether the reading settled.</param>
/// <param name="FrameId">The frame it was joined with in this call, or <c>null</c> while it waits for one.</param>
public sealed record WeightEventView(double OnsetMs, double TMs, double? DeltaG, double EstimatedDeltaG, bool Settled, string? FrameId);

/// <summary>What a <c>POST /scale</c> or <c>POST /frames</c> did.</summary>
/// <param name="CartId">The cart.</param>
/// <param name="Samples">Readings accepted by this call.</param>
/// <param name="LastTMs">The cart's last accepted reading, <c>null</c> before the first.</param>
/// <param name="WeightEvents">Weight events decided by this call's readings.</param>
/// <param name="Events">Events resolved by this call (a frame joined with its weight event, or a frame whose window
/// passed without one), exactly as <c>POST /events</c> answers them.</param>
/// <param name="WaitingFrames">Frames still waiting for their weight event.</param>
/// <param name="DroppedWeightEvents">Weight events dropped by this call because no frame came within the window (a lean,
/// a jostle, an item nobody saw).</param>
/// <param name="Deferred">Joined events not resolved yet because the cart or server is at a limit or storage failed;
/// they are retried, in order, on the cart's next sensor call.</param>
/// <param name="DeferredReason">Why events were deferred, or that one was dropped (its id was already used for another
/// event, or a frame does not decode); <c>null</c> when all went through.</param>
public sealed record SensorAck(
    string CartId,
    int Samples,
    double? LastTMs,
    IReadOnlyList<WeightEventView> WeightEvents,
    IReadOnlyList<EventResult> Events,
    int WaitingFrames,
    int DroppedWeightEvents,
    int Deferred,
    string? DeferredReason)
{
    /// <summary>
    /// Frames that waited longer than Server:FrameWaitTimeoutMs of server time for their weight event since the cart's
    /// previous sensor answer, and were resolved without a weight (the readings stopped, or the frame's <c>t_ms</c> is
    /// on another clock); oldest first. Their events are in <c>events</c> or already on the stream (GET .../events/{id}).
    /// </summary>
    public IReadOnlyList<string> ExpiredFrames { get; init; } = [];
}

/// <summary>A <c>frame_expired</c> event on the cart's stream: a frame resolved without a weight because none came in time.</summary>
/// <param name="EventId">The frame's id (its event's id).</param>
/// <param name="TMs">The frame's <c>t_ms</c>.</param>
/// <param name="LastTMs">The cart's last reading when it expired, <c>null</c> when it has none.</param>
/// <param name="WaitedMs">How long it waited, by the server's clock.</param>
public sealed record FrameExpiredView(string EventId, double TMs, double? LastTMs, double WaitedMs);
