using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Reasoning.Escalation;

/// <summary>
/// The escalation chain for one event after fusion: confident fusion → accept; else the on-device chooser over the
/// top candidates (accept above its threshold); else the cloud chooser; else ask the shopper. A chooser that throws,
/// times out or is absent passes the event on; only the caller's own cancellation stops the chain. Thread-safe when
/// the choosers are.
/// </summary>
public sealed class EscalationPolicy
{
    public const string FusionStage = "fusion";
    public const string OnDeviceStage = "on-device";
    public const string CloudStage = "cloud";
    public const string ShopperStage = "shopper";

    private readonly ProductCatalog _catalog;
    private readonly ICandidateChooser? _onDevice;
    private readonly ICandidateChooser? _cloud;
    private readonly TimeProvider _time;

    /// <param name="onDevice">The on-device model's constrained choice, or <c>null</c> when none is installed.</param>
    /// <param name="cloud">The cloud fallback, or <c>null</c> when none is configured.</param>
    public EscalationPolicy(ProductCatalog catalog, EscalationOptions options, ICandidateChooser? onDevice, ICandidateChooser? cloud, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CandidateCount, 2);
        _catalog = catalog;
        Options = options;
        _onDevice = onDevice;
        _cloud = cloud;
        _time = time ?? TimeProvider.System;
    }

    public EscalationOptions Options { get; }

    /// <summary>Decides the event that <paramref name="fusion"/> resolved from <paramref name="images"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<EscalationDecision> DecideAsync(
        Resolution fusion, IReadOnlyList<ReadOnlyMemory<byte>> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        var stages = new List<StageRecord>(4)
        {
            // A weight that cannot be one unit of the product is never accepted by fusion alone, however sure vision is.
            new(FusionStage, fusion.Confidence >= Options.FusionAcceptThreshold && !fusion.WeightContradicts ? StageOutcome.Accepted : StageOutcome.Unsure,
                fusion.ProductId, fusion.Confidence, Options.FusionAcceptThreshold, fusion.LatencyMs,
                fusion.WeightContradicts ? $"the measured {Math.Abs(fusion.WeightDeltaGrams ?? 0):0.#} g does not fit one unit of {fusion.ProductId}" : null),
        };
        var candidates = Candidates(fusion);
        if (stages[0].Outcome == StageOutcome.Accepted)
        {
            return Decided(fusion, stages, candidates, FusionStage, fusion.ProductId, fusion.Confidence);
        }

        if (candidates.Count >= 2)
        {
            var request = new ChoiceRequest(fusion.Type, images, fusion.WeightDeltaGrams, candidates);
            foreach (var (chooser, threshold, timeout, name) in new[]
                     {
                         (_onDevice, Options.OnDeviceAcceptThreshold, Options.OnDeviceTimeout, OnDeviceStage),
                         (_cloud, Options.CloudAcceptThreshold, Options.CloudTimeout, CloudStage),
                     })
            {
                var record = await RunStageAsync(chooser, request, threshold, timeout, name, cancellationToken)
                    .ConfigureAwait(false);
                stages.Add(record);
                if (record.Outcome == StageOutcome.Accepted)
                {
                    return Decided(fusion, stages, candidates, record.Stage, record.ProductId, record.Probability ?? 0);
                }
            }
        }

        stages.Add(new StageRecord(ShopperStage, StageOutcome.Asked, null, null, null, 0,
            candidates.Count >= 2 ? null : "fewer than two candidates"));
        return Decided(fusion, stages, candidates, ShopperStage, null, 0);
    }

    private async Task<StageRecord> RunStageAsync(
        ICandidateChooser? chooser, ChoiceRequest request, double threshold, TimeSpan timeout, string defaultName, CancellationToken cancellationToken)
    {
        if (chooser is null)
        {
            return new StageRecord(defaultName, StageOutcome.Skipped, null, null, threshold, 0, "not configured");
        }

        var start = _time.GetTimestamp();
        using var budget = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var choice = await chooser.ChooseAsync(request, linked.Token).ConfigureAwait(false);
            var ms = _time.GetElapsedTime(start).TotalMilliseconds;
            if (!request.Candidates.Any(c => c.ProductId == choice.ProductId))
            {
                return new StageRecord(chooser.Stage, StageOutcome.Failed, choice.ProductId, choice.Probability, threshold, ms,
                    $"chose '{choice.ProductId}', which is not a candidate");
            }

            var outcome = choice.Probability >= threshold ? StageOutcome.Accepted : StageOutcome.Unsure;
            // As for fusion: a product that cannot weigh what the scale measured (0 g: nothing went in) is never
            // accepted by a model alone, however sure it is.
            if (outcome == StageOutcome.Accepted && request.WeightDeltaGrams is { } grams && _catalog.TryGet(choice.ProductId, out var chosen)
                && !WeighingLedger.IsPlausible(chosen, Math.Abs(grams)))
            {
                return new StageRecord(chooser.Stage, StageOutcome.Unsure, choice.ProductId, choice.Probability, threshold, ms,
                    $"the measured {Math.Abs(grams):0.#} g does not fit {choice.ProductId}", choice.CandidateProbabilities);
            }

            return new StageRecord(chooser.Stage, outcome, choice.ProductId, choice.Probability, threshold, ms, null, choice.CandidateProbabilities);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Any failure of a later stage (timeout, connection refused, open circuit, a malformed answer) must not
            // lose the event: the next stage, ultimately the shopper, still decides it.
            var ms = _time.GetElapsedTime(start).TotalMilliseconds;
            var why = ex is OperationCanceledException ? $"timed out after {timeout.TotalMilliseconds:F0} ms" : $"{ex.GetType().Name}: {ex.Message}";
            return new StageRecord(chooser.Stage, StageOutcome.Failed, null, null, threshold, ms, why);
        }
    }

    private List<ChoiceCandidate> Candidates(Resolution fusion)
    {
        var list = new List<ChoiceCandidate>(Options.CandidateCount);
        foreach (var c in fusion.Candidates)
        {
            if (list.Count == Options.CandidateCount)
            {
                break;
            }

            var name = _catalog.TryGet(c.ProductId, out var product) ? product.DisplayName : c.ProductId;
            list.Add(new ChoiceCandidate(c.ProductId, name, c.Posterior));
        }

        return list;
    }

    private static EscalationDecision Decided(
        Resolution fusion, List<StageRecord> stages, List<ChoiceCandidate> candidates, string by, string? productId, double confidence) =>
        new()
        {
            Fusion = fusion,
            Stages = stages,
            DecidedBy = by,
            ProductId = productId,
            Confidence = confidence,
            Candidates = candidates,
            TotalLatencyMs = stages.Sum(s => s.LatencyMs),
        };
}
