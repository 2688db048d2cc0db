using System.Diagnostics.Metrics;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Server.Telemetry;

/// <summary>
/// The server's OpenTelemetry instruments (meter <see cref="MeterName"/>), exported on <c>/metrics</c> for
/// Prometheus. Events per second is <c>rate(basket_events_total[1m])</c>; the escalation rate is
/// <c>basket_escalations_total / basket_events_total</c>. The OpenAI-compatible chat API counts its requests by
/// outcome and the tokens it read and wrote (<c>rate(basket_chat_tokens_total{token_type="completion"}[1m])</c> is
/// tokens generated per second). HTTP requests (<c>http_server_request_duration_seconds</c>, by route, method and
/// status) come from ASP.NET Core's own meters, which <see cref="Hosting.CartServer"/> exports beside this one.
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "BasketReasoner.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _chatRequests;
    private readonly Counter<long> _chatTokens;

    public ServerMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        Events = _meter.CreateCounter<long>("basket.events", "{event}", "Events decided, by deciding stage and status.");
        StageLatency = _meter.CreateHistogram<double>("basket.stage.latency", "ms", "Latency of each stage an event went through (queue for a resolver worker, fusion, text (label OCR, when read), on-device, cloud, json, log, total).");
        Escalations = _meter.CreateCounter<long>("basket.escalations", "{event}", "Events fusion did not accept, by the stage that finally decided.");
        Fallbacks = _meter.CreateCounter<long>("basket.fallback.calls", "{call}", "Calls to the on-device and cloud choosers, by stage and outcome (accepted, unsure, failed).");
        Confirmations = _meter.CreateCounter<long>("basket.confirmations", "{answer}", "Shopper answers to confirmation requests.");
        Replays = _meter.CreateCounter<long>("basket.events.replayed", "{event}", "Retried events answered from the idempotency table.");
        Shed = _meter.CreateCounter<long>("basket.events.shed", "{event}", "Event requests refused under load (429/503 with Retry-After), by reason.");
        StorageFailures = _meter.CreateCounter<long>("basket.log.failures", "{batch}", "Log commits that failed (disk full, read-only, I/O error); nothing of them was acknowledged.");
        ScaleSamples = _meter.CreateCounter<long>("basket.scale.samples", "{sample}", "Raw load-cell readings accepted (POST /scale).");
        FlywheelExamples = _meter.CreateCounter<long>("basket.flywheel.examples", "{example}", "Labelled examples written to the flywheel folder, by stage (shopper, cloud).");
        FlywheelDropped = _meter.CreateCounter<long>("basket.flywheel.dropped", "{example}", "Labelled examples not written, by reason: full (the folder holds FlywheelMaxExamples), busy (the write queue is full: the disk has stalled) or io (a write failed).");
        WeightEvents = _meter.CreateCounter<long>("basket.weight_events", "{event}", "Weight events the per-cart detectors decided, by settled (true/false).");
        WeightEventsDropped = _meter.CreateCounter<long>("basket.weight_events.dropped", "{event}", "Weight events dropped because no frame came within the join window (a lean, a jostle, an item nobody saw).");
        FramesExpired = _meter.CreateCounter<long>("basket.frames.expired", "{frame}", "Frames that waited longer than Server:FrameWaitTimeoutMs of server time for their weight and were resolved without one.");
        EvidenceMargin = _meter.CreateHistogram<double>(
            "basket.evidence.margin", "{nat}",
            "Per evidence source (tag source), how much it favoured fusion's best candidate over the runner-up: weighted log-likelihood difference; negative when it argued against.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MarginBucketsNats });
        _chatRequests = _meter.CreateCounter<long>(
            "basket.chat.requests", "{request}",
            "Chat completion requests, by stream (true/false) and outcome: completed, refused (the model refused the input: 400), failed (the model failed), rejected (refused before the model ran: key, body, unknown model, no model installed).");
        _chatTokens = _meter.CreateCounter<long>(
            "basket.chat.tokens", "{token}", "Tokens of completed chat requests as the model reported them, by token_type: prompt (read) or completion (generated).");
        ChatTimeToFirstToken = _meter.CreateHistogram<double>(
            "basket.chat.time_to_first_token", "s", "Streamed chat completions: time from the request reaching the model to its first text chunk.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    // Without advice OpenTelemetry uses its default limits (0, 5, 10, 25, … 10000), which are meant for milliseconds:
    // a time to first token in seconds would always fall in le="5". These cover 5 ms to 10 s.
    internal static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // A source's margin in nats is mostly within a few either way (negative: it argued against fusion's best); the
    // default limits would put nearly every sample in le="0", le="5" or le="10".
    internal static readonly double[] MarginBucketsNats = [-10, -5, -2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 5, 10, 20];

    public Counter<long> Events { get; }

    public Counter<long> FlywheelExamples { get; }

    public Counter<long> FlywheelDropped { get; }

    public Histogram<double> StageLatency { get; }

    public Counter<long> Escalations { get; }

    public Counter<long> Fallbacks { get; }

    public Counter<long> Confirmations { get; }

    public Counter<long> Replays { get; }

    public Counter<long> Shed { get; }

    public Counter<long> StorageFailures { get; }

    public Counter<long> ScaleSamples { get; }

    public Counter<long> WeightEvents { get; }

    public Counter<long> WeightEventsDropped { get; }

    public Counter<long> FramesExpired { get; }

    public Histogram<double> EvidenceMargin { get; }

    public Histogram<double> ChatTimeToFirstToken { get; }


    /// <summary>Counts one chat completion request; <paramref name="promptTokens"/> and <paramref name="completionTokens"/> only when it completed.</summary>
    public void RecordChat(bool stream, string outcome, long? promptTokens = null, long? completionTokens = null)
    {
        _chatRequests.Add(1, new("stream", stream ? "true" : "false"), new("outcome", outcome));
        if (promptTokens is > 0)
        {
            _chatTokens.Add(promptTokens.Value, new KeyValuePair<string, object?>("token_type", "prompt"));
        }

        if (completionTokens is > 0)
        {
            _chatTokens.Add(completionTokens.Value, new KeyValuePair<string, object?>("token_type", "completion"));
        }
    }

    public void RecordDecision(EscalationDecision decision, double totalMs)
    {
        Events.Add(1, new("decided_by", decision.DecidedBy), new("status", decision.NeedsShopper ? "pending" : "accepted"));
        foreach (var s in decision.Stages)
        {
            if (s.Outcome != StageOutcome.Skipped && s.Stage != EscalationPolicy.ShopperStage)
            {
                StageLatency.Record(s.LatencyMs, new KeyValuePair<string, object?>("stage", s.Stage));
            }

            if (s.Stage != EscalationPolicy.FusionStage && s.Stage != EscalationPolicy.ShopperStage && s.Outcome != StageOutcome.Skipped)
            {
                Fallbacks.Add(1, new("stage", s.Stage), new("outcome", s.Outcome.ToString().ToLowerInvariant()));
            }
        }

        StageLatency.Record(totalMs, new KeyValuePair<string, object?>("stage", "total"));
        RecordEvidence(decision.Fusion.Candidates);
        if (decision.DecidedBy != EscalationPolicy.FusionStage)
        {
            Escalations.Add(1, new KeyValuePair<string, object?>("decided_by", decision.DecidedBy));
        }
    }

    // Iterates over whatever sources the fusion summed, so an added source shows up without a change here.
    private void RecordEvidence(IReadOnlyList<Core.Resolutions.CandidateEvidence> candidates)
    {
        if (candidates.Count < 2 || !EvidenceMargin.Enabled)
        {
            return;
        }

        var (best, second) = (candidates[0].Terms, candidates[1].Terms);
        for (var i = 0; i < best.Count && i < second.Count; i++)
        {
            if (best[i].Source == second[i].Source)
            {
                EvidenceMargin.Record(best[i].Contribution - second[i].Contribution, new KeyValuePair<string, object?>("source", best[i].Source));
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}
