using BasketReasoner.Core.Events;
using BasketReasoner.Core.Scale;
using BasketReasoner.Server.Carts;

namespace BasketReasoner.Server.Sensors;

/// <summary>A weight event on the cart's sample clock, in milliseconds.</summary>
internal readonly record struct TimedWeight(double OnsetMs, double TMs, double? DeltaG, double EstimatedDeltaG, bool Settled);

/// <summary>
/// One cart's raw sensors: the streaming <see cref="WeightEventDetector"/> over its load-cell samples, and the join of
/// the weight events it decides with the frames the cart posts. The rule: the cameras say <i>that</i> an item went in
/// or out, the scale says <i>how much</i>. A frame (at <c>t_ms</c>) and a weight event belong together when the
/// frame's time is within the join window of the weight event's onset and the weight's sign fits the frame's type
/// (an unsettled weight fits either); the oldest waiting one of the other side is taken. Both wait for at most the
/// window, measured on the sample clock: a frame whose window has passed (and the scale is not in the middle of a
/// change) is resolved without a weight, like an unsettled reading; a weight event nobody saw is dropped (a lean, a
/// jostle). A frame also gives up after a timeout on the server's own clock (<see cref="ExpireOverdue"/>), so readings
/// that stop, or run on another clock, cannot keep it waiting. Joined events leave in <see cref="Ready"/>, in the order
/// they were completed. Not thread-safe: the caller holds the cart's sensor gate.
/// </summary>
internal sealed class SensorJoin(WeightEventDetectorOptions detector, double windowMs, double maxLagMs, TimeProvider time)
{
    private readonly WeightEventDetector _detector = new(detector);
    private readonly List<(IncomingEvent Event, double TMs, long ArrivedAt)> _frames = [];
    private readonly List<TimedWeight> _weights = [];
    private readonly List<string> _expired = [];

    // Weight events of the recent past (onset, and whether a frame took them): a frame whose window passes on a scale
    // that moved for no one else is told "no change", not "unknown". Kept for as long as a new frame may lag the
    // readings (Server:MaxFrameLagMs), so a late frame whose weight event was dropped is not told "no change".
    private readonly List<(double OnsetMs, bool Joined)> _recent = [];
    private double? _firstTMs;
    private long _lastReadingAt;

    /// <summary>The last accepted reading's time, <c>null</c> before the first.</summary>
    public double? LastTMs { get; private set; }

    /// <summary>Server time since the last batch of readings was accepted (zero before the first).</summary>
    public TimeSpan SinceLastReading => LastTMs is null ? TimeSpan.Zero : time.GetElapsedTime(_lastReadingAt);

    /// <summary>Joined events not yet resolved, oldest first.</summary>
    public Queue<IncomingEvent> Ready { get; } = new();

    public int WaitingFrames => _frames.Count;

    /// <summary>The bound <c>POST /events</c> puts on a weight, in grams: a joined weight outside it is no weight at all.</summary>
    public const double MaxWeightDeltaGrams = 100_000;

    // A load cell that jumps by more than any item weighs (a glitch, a leaning shopper) did not weigh the item: the
    // event goes on without a weight (priced at the catalog weight, the weight evidence silent), as /events would
    // have refused it.
    private static double? Bounded(double? grams) => grams is { } g && double.IsFinite(g) && Math.Abs(g) <= MaxWeightDeltaGrams ? g : null;

    /// <summary>Whether a frame with this id is waiting or joined and not yet resolved.</summary>
    public bool Holds(string id) => _frames.Any(f => f.Event.Id == id) || Ready.Any(e => e.Id == id);

    /// <summary>Feeds readings.</summary>
    /// <param name="samples">Already checked: finite, strictly increasing, after <see cref="LastTMs"/>.</param>
    /// <param name="decided">Receives each weight event decided, with the frame it joined at once.</param>
    /// <returns>Weight events dropped for want of a frame.</returns>
    public int Push(IReadOnlyList<(double TMs, double Grams)> samples, List<(TimedWeight Weight, string? FrameId)> decided)
    {
        foreach (var (t, grams) in samples)
        {
            if (_detector.TryPush(t / 1000, grams, out var e))
            {
                var weight = new TimedWeight(e.OnsetSeconds * 1000, e.TimeSeconds * 1000, e.DeltaGrams, e.EstimatedDeltaGrams, e.Settled);
                decided.Add((weight, Decide(weight)));
            }

            LastTMs = t;
            _firstTMs ??= t;
        }

        _lastReadingAt = time.GetTimestamp();
        return Expire();
    }

    /// <summary>A frame: joined with a waiting weight event if one fits, else it waits.</summary>
    /// <returns>Weight events dropped for want of a frame.</returns>
    public int Add(IncomingEvent frame, double tMs)
    {
        var k = _weights.FindIndex(w => Fits(frame.Type, tMs, w));
        if (k >= 0)
        {
            Ready.Enqueue(frame with { WeightDeltaGrams = Bounded(_weights[k].DeltaG) });
            MarkJoined(_weights[k].OnsetMs);
            _weights.RemoveAt(k);
        }
        else
        {
            _frames.Add((frame, tMs, time.GetTimestamp()));
        }

        return Expire();
    }

    /// <summary>
    /// Resolves without a weight every frame that has waited <paramref name="timeout"/> or longer by the server's clock
    /// (its weight event never came: the readings stopped, or its <c>t_ms</c> is on another clock), as a frame whose
    /// window passed is. Their ids are kept for the cart's next answer (<see cref="TakeExpired"/>).
    /// </summary>
    /// <returns>The frames resolved so.</returns>
    public IReadOnlyList<(string Id, double TMs, TimeSpan Waited)> ExpireOverdue(TimeSpan timeout)
    {
        List<(string, double, TimeSpan)>? overdue = null;
        for (var i = 0; i < _frames.Count;)
        {
            var waited = time.GetElapsedTime(_frames[i].ArrivedAt);
            if (waited < timeout)
            {
                i++;
                continue;
            }

            var (frame, tMs, _) = _frames[i];
            Ready.Enqueue(frame with { WeightDeltaGrams = null });
            _frames.RemoveAt(i);
            _expired.Add(frame.Id);
            (overdue ??= []).Add((frame.Id, tMs, waited));
        }

        return overdue ?? [];
    }

    /// <summary>The ids <see cref="ExpireOverdue"/> resolved since the last call, oldest first; the list is emptied.</summary>
    public IReadOnlyList<string> TakeExpired()
    {
        if (_expired.Count == 0)
        {
            return [];
        }

        var ids = _expired.ToArray();
        _expired.Clear();
        return ids;
    }

    private string? Decide(TimedWeight weight)
    {
        var k = _frames.FindIndex(f => Fits(f.Event.Type, f.TMs, weight));
        _recent.Add((weight.OnsetMs, k >= 0));
        if (k < 0)
        {
            _weights.Add(weight);
            return null;
        }

        var frame = _frames[k].Event;
        var first = _frames[k].TMs;
        _frames.RemoveAt(k);
        var delta = Bounded(weight.DeltaG);
        var sharing = delta is null ? [] : Sharing(frame.Type, first, weight);
        if (delta is null || sharing.Count == 0)
        {
            Ready.Enqueue(frame with { WeightDeltaGrams = delta });
            return frame.Id;
        }

        // A quick double add: more frames of the same kind were taken while this one change was still settling, so
        // the one delta weighs them all. Each takes what the ones before it leave (SharedWeight).
        List<string> earlier = [frame.Id];
        Ready.Enqueue(frame with { WeightDeltaGrams = null, SharedWeight = new SharedWeight(delta.Value, []) });
        foreach (var other in sharing)
        {
            _frames.Remove(other);
            Ready.Enqueue(other.Event with { WeightDeltaGrams = null, SharedWeight = new SharedWeight(delta.Value, earlier.ToArray()) });
            earlier.Add(other.Event.Id);
        }

        return frame.Id;
    }

    // The other waiting frames the weight event also belongs to: the same kind of event, within the join window of its
    // onset, taken after the first frame and before the scale settled (an item that lands after it settled is a
    // weight event of its own), oldest first.
    private List<(IncomingEvent Event, double TMs, long ArrivedAt)> Sharing(CartEventType type, double firstMs, TimedWeight weight) =>
        weight.Settled
            ? _frames.Where(f => f.Event.Type == type && f.TMs >= firstMs && f.TMs <= weight.TMs && Fits(type, f.TMs, weight)).OrderBy(f => f.TMs).ToList()
            : [];

    private bool Fits(CartEventType type, double frameMs, TimedWeight w) =>
        Math.Abs(frameMs - w.OnsetMs) <= windowMs
        && (w.DeltaG is not { } delta || (type == CartEventType.Add ? delta > 0 : delta < 0));

    private void MarkJoined(double onsetMs)
    {
        var i = _recent.FindIndex(r => r.OnsetMs == onsetMs && !r.Joined);
        if (i >= 0)
        {
            _recent[i] = (onsetMs, true);
        }
    }

    // The scale was reading when the frame was taken and through the rest of its window, and no weight event in the
    // window is left unexplained: the scale saw no change for this frame (a product held up to the camera and put
    // back; one item seen twice, its weight already taken by the first frame). Said as 0 g, which fusion weighs
    // against any product, rather than "no reading", which it does not weigh at all and so let vision alone put the
    // item on the bill. The part of the window before the cart's first reading (a new cart, or every cart's first
    // seconds after a restart) does not make it unknown: an item lands after the camera sees it go in, and what lay
    // on the scale before its first reading is its baseline, not a change.
    private bool Unchanged(double frameMs) =>
        _firstTMs is { } first && first <= frameMs
        && _recent.Where(r => Math.Abs(r.OnsetMs - frameMs) <= windowMs).All(r => r.Joined);

    // The sample clock is the only clock: nothing expires while the cart sends no readings.
    private int Expire()
    {
        if (LastTMs is not { } now)
        {
            return 0;
        }

        var dropped = _weights.RemoveAll(w => w.TMs + windowMs < now);
        _recent.RemoveAll(r => r.OnsetMs + Math.Max(4 * windowMs, maxLagMs + windowMs) < now);

        // While the scale is mid-change its weight event may still join the frame, so the frame waits on.
        if (!_detector.IsMoving)
        {
            for (var i = 0; i < _frames.Count;)
            {
                if (_frames[i].TMs + windowMs < now)
                {
                    Ready.Enqueue(_frames[i].Event with { WeightDeltaGrams = Unchanged(_frames[i].TMs) ? 0.0 : null });
                    _frames.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }
        }

        return dropped;
    }
}
