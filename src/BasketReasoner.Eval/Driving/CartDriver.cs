using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BasketReasoner.Client;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Scale;

namespace BasketReasoner.Eval.Driving;

/// <summary>
/// Plays one cart's trip against a server through the typed client, the way a cart would: the load cell's readings
/// in batches paced at <see cref="CartDriveOptions.Speed"/>, the camera's frame for each change as soon as the batch
/// holding its moment is due (before that batch), and the shopper, who answers every confirmation the server asks
/// for with the truth (or "none of these" when the truth is not offered).
/// </summary>
internal sealed class CartDriver(ICartApiClient client, string cartId, CartTrip trip, string imagesFolder, CartDriveOptions options)
{
    private const string RefiningStatus = "refining";
    private static readonly TimeSpan RefineWait = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, string> _truthById = new(StringComparer.Ordinal);
    private readonly List<WeightEvent> _detected = [];
    private readonly List<EventResult> _resolved = [];
    private readonly List<string> _refining = [];
    private double _origin;
    private int _asks;
    private int _askedRight;
    private int _dropped;

    public async Task<CartRun> RunAsync(CancellationToken ct)
    {
        var before = Lines(await client.GetBasketAsync(cartId, ct).ConfigureAwait(false));
        var stream = trip.Stream;
        var dtMs = 1000 / stream.SampleRateHz;
        var perBatch = Math.Max(1, (int)Math.Round(options.BatchMs / dtMs));
        var run = "c" + Guid.NewGuid().ToString("N")[..10];
        var wall = Stopwatch.StartNew();
        var nextFrame = 0;
        for (var i = 0; i < stream.Grams.Length; i += perBatch)
        {
            var end = Math.Min(stream.Grams.Length, i + perBatch);

            // Real time: a batch leaves once its last reading has happened.
            var due = TimeSpan.FromMilliseconds(end * dtMs / options.Speed);
            if (due > wall.Elapsed)
            {
                await Task.Delay(due - wall.Elapsed, ct).ConfigureAwait(false);
            }

            var batchEndSeconds = end / stream.SampleRateHz;
            for (; nextFrame < trip.Events.Count && stream.Truth[nextFrame].TimeSeconds < batchEndSeconds; nextFrame++)
            {
                await PostFrameAsync(run, nextFrame, ct).ConfigureAwait(false);
            }

            await PostScaleAsync(i, end, ct).ConfigureAwait(false);
        }

        for (; nextFrame < trip.Events.Count; nextFrame++)
        {
            await PostFrameAsync(run, nextFrame, ct).ConfigureAwait(false);
        }

        await SettleRefiningAsync(ct).ConfigureAwait(false);
        var after = await client.GetBasketAsync(cartId, ct).ConfigureAwait(false);
        foreach (var pending in after.Pending.Where(p => _truthById.ContainsKey(p.EventId)))
        {
            await AnswerAsync(pending, ct).ConfigureAwait(false);
        }

        var final = Lines(await client.GetBasketAsync(cartId, ct).ConfigureAwait(false));
        var added = final.Keys.Union(before.Keys)
            .Select(id => (id, qty: final.GetValueOrDefault(id) - before.GetValueOrDefault(id)))
            .Where(x => x.qty != 0)
            .ToDictionary(x => x.id, x => x.qty, StringComparer.Ordinal);
        var right = _resolved.Count(r => _truthById.TryGetValue(r.EventId, out var truth) && (r.AppliedProductId ?? r.ProductId) == truth);
        return new CartRun(cartId, trip, _detected, added, _resolved.Count, _resolved.Count(r => r.WeightDeltaG is null), _dropped, _asks, _askedRight, right);
    }

    private async Task PostFrameAsync(string run, int k, CancellationToken ct)
    {
        var (e, truth) = trip.Events[k];
        var id = string.Create(CultureInfo.InvariantCulture, $"{run}-{k + 1}");
        _truthById[id] = truth;
        var jpeg = await File.ReadAllBytesAsync(Path.Combine(imagesFolder, e.Image), ct).ConfigureAwait(false);
        var ack = await client.PostFramesAsync(cartId, new SensorFrameRequest
        {
            Id = id,
            Type = e.Type == CartEventType.Add ? "add" : "remove",
            TMs = _origin + (trip.Stream.Truth[k].TimeSeconds * 1000),
            Frames = [new FrameRequest { Camera = "top", Jpeg = Convert.ToBase64String(jpeg) }],
        }, ct).ConfigureAwait(false);
        await TakeAsync(ack, ct).ConfigureAwait(false);
    }

    private async Task PostScaleAsync(int from, int to, CancellationToken ct)
    {
        var request = new ScaleRequest { Samples = new List<ScaleSample>(to - from) };
        for (var j = from; j < to; j++)
        {
            request.Samples.Add(new ScaleSample { TMs = _origin + (trip.Stream.TimeOf(j) * 1000), Grams = trip.Stream.Grams[j] });
        }

        SensorAck ack;
        try
        {
            ack = await client.PostScaleAsync(cartId, request, ct).ConfigureAwait(false);
        }
        catch (CartApiException<ProblemDetails> ex) when (ex.StatusCode == 409 && from == 0 && LastReading(ex.Result) is { } last)
        {
            // The cart's clock starts after whatever this server already has for it (an earlier run).
            _origin = Math.Ceiling(last) + 1000;
            foreach (var s in request.Samples)
            {
                s.TMs += _origin;
            }

            ack = await client.PostScaleAsync(cartId, request, ct).ConfigureAwait(false);
        }

        foreach (var w in ack.WeightEvents)
        {
            _detected.Add(new WeightEvent((w.OnsetMs - _origin) / 1000, (w.TMs - _origin) / 1000, w.DeltaG, w.EstimatedDeltaG, 0, w.Settled, 0));
        }

        await TakeAsync(ack, ct).ConfigureAwait(false);
    }

    private async Task TakeAsync(SensorAck ack, CancellationToken ct)
    {
        // The shopper answers a refined prompt when it appears, not at the end: a later removal's tiles are the
        // basket's lines, which an unanswered add would be missing from.
        await PollRefiningAsync(ct).ConfigureAwait(false);
        _dropped += ack.DroppedWeightEvents;
        foreach (var e in ack.Events)
        {
            _resolved.Add(e);
            if (e.Status == "pending_confirmation")
            {
                await AnswerAsync(e, ct).ConfigureAwait(false);
            }
            else if (e.Status == RefiningStatus)
            {
                _refining.Add(e.EventId);
            }
        }
    }

    // An event acknowledged while its label is read off the request path: its decision (accepted, or a question for
    // the shopper) replaces the acknowledgement on the server; this driver does not follow the stream, so it polls.
    private async Task PollRefiningAsync(CancellationToken ct)
    {
        for (var i = 0; i < _refining.Count;)
        {
            var current = await client.GetEventAsync(cartId, _refining[i], ct).ConfigureAwait(false);
            if (current.Status == RefiningStatus)
            {
                i++;
                continue;
            }

            _refining.RemoveAt(i);
            var k = _resolved.FindIndex(r => r.EventId == current.EventId);
            if (k >= 0)
            {
                _resolved[k] = current;
            }

            if (current.Status == "pending_confirmation")
            {
                await AnswerAsync(current, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task SettleRefiningAsync(CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        await PollRefiningAsync(ct).ConfigureAwait(false);
        while (_refining.Count > 0)
        {
            if (waited.Elapsed > RefineWait)
            {
                throw new TimeoutException($"Events {string.Join(", ", _refining)} on cart '{cartId}' were still refining after {RefineWait.TotalSeconds:0} s.");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
            await PollRefiningAsync(ct).ConfigureAwait(false);
        }
    }

    // The shopper taps the truth when the screen offers it, else "none of these". The server refuses (422) a product
    // that cannot weigh what the scale measured (e.g. a quick double add, summed into the first frame's weight): the
    // screen says so and the shopper then answers "none of these", as one would.
    private async Task AnswerAsync(EventResult pending, CancellationToken ct)
    {
        _asks++;
        var truth = _truthById.GetValueOrDefault(pending.EventId);
        var pick = pending.Candidates.Any(c => c.ProductId == truth) ? truth : null;
        ConfirmResult answer;
        try
        {
            answer = await client.ConfirmAsync(cartId, new ConfirmRequest { EventId = pending.EventId, ProductId = pick }, ct).ConfigureAwait(false);
        }
        catch (CartApiException ex) when (ex.StatusCode == 422 && pick is not null)
        {
            pick = null;
            answer = await client.ConfirmAsync(cartId, new ConfirmRequest { EventId = pending.EventId, ProductId = null }, ct).ConfigureAwait(false);
        }

        _askedRight += pick is null ? 0 : 1;
        var k = _resolved.FindIndex(r => r.EventId == pending.EventId);
        if (k >= 0)
        {
            _resolved[k].ProductId = answer.ProductId;
            _resolved[k].AppliedProductId = answer.AppliedProductId;
        }
    }

    private static double? LastReading(ProblemDetails problem) =>
        problem.AdditionalProperties.TryGetValue("last_t_ms", out var value) && value is JsonElement { ValueKind: JsonValueKind.Number } number
            ? number.GetDouble()
            : null;

    private static Dictionary<string, int> Lines(BasketView basket) =>
        basket.Lines.ToDictionary(l => l.ProductId, l => l.Qty, StringComparer.Ordinal);
}
