using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Eval.Tuning;

/// <summary>What <see cref="EscalationTuner"/> found on the sessions it was given.</summary>
/// <param name="Options">The tuned thresholds (the on-device one unchanged when no on-device chooser was given).</param>
/// <param name="Events">Events replayed.</param>
/// <param name="FusionAcceptedRate">Share decided by fusion at the tuned threshold.</param>
/// <param name="FusionAccuracy">Accuracy of those.</param>
/// <param name="CloudAcceptedRate">Share of all events the cloud stage (recognizer-backed unless a cloud chooser was given) accepts after fusion passes them on.</param>
/// <param name="CloudAccuracy">Accuracy of those.</param>
/// <param name="ShopperRate">Share left to the shopper.</param>
/// <param name="TruthInCandidates">Share of escalated events whose truth is among the candidates shown.</param>
/// <param name="OnDevice">The on-device stage's numbers, or <c>null</c> when no on-device chooser was given.</param>
/// <param name="Objective">
/// <c>final-accuracy</c>: the fusion and cloud thresholds are the chain's cheapest operating point for the target
/// final item accuracy (<see cref="Chosen"/>); <c>per-stage</c>: each stage's accepted decisions reach the target on
/// their own (kept when an on-device stage reaches it, since the curve does not model that stage).
/// </param>
/// <param name="Chosen">The chosen point of the chain with the cloud stage.</param>
/// <param name="WithoutCloud">The same fusion threshold in a chain without a cloud stage (the default edge deployment).</param>
/// <param name="Frontier">Ask rate against final accuracy, the best settings of fusion and cloud together.</param>
/// <param name="FrontierWithoutCloud">The same for fusion alone before the shopper.</param>
/// <param name="Confidence">The confidence the chosen point reaches the target with (0: the point estimate).</param>
public sealed record EscalationTuningResult(
    EscalationOptions Options, int Events, double FusionAcceptedRate, double FusionAccuracy,
    double CloudAcceptedRate, double CloudAccuracy, double ShopperRate, double TruthInCandidates, OnDeviceTuning? OnDevice = null,
    string Objective = "per-stage", OperatingPoint? Chosen = null, OperatingPoint? WithoutCloud = null,
    IReadOnlyList<OperatingPoint>? Frontier = null, IReadOnlyList<OperatingPoint>? FrontierWithoutCloud = null, double Confidence = 0);

/// <summary>What the on-device chooser did on the events fusion passed on.</summary>
/// <param name="Asked">Escalated events it was asked about (those with at least two candidates).</param>
/// <param name="ChoiceAccuracy">Its top choice is the truth, at any probability.</param>
/// <param name="AcceptedRate">Share of all events it accepts at the tuned threshold.</param>
/// <param name="Accuracy">Accuracy of those.</param>
/// <param name="ReachesTarget">
/// Whether any threshold makes its accepted choices reach the target; when none does the threshold is set above 1, so
/// the stage never accepts and the chain routes around it.
/// </param>
/// <param name="AccuracyAtThreshold">(threshold, share of asked events accepted, accuracy of those) over the grid: how its confidence is calibrated.</param>
public sealed record OnDeviceTuning(
    int Asked, double ChoiceAccuracy, double AcceptedRate, double Accuracy, bool ReachesTarget,
    IReadOnlyList<ThresholdPoint> AccuracyAtThreshold);

/// <summary>At <paramref name="Threshold"/>: the share of asked events accepted and the accuracy of those.</summary>
public sealed record ThresholdPoint(double Threshold, double Accepted, double Accuracy);

/// <summary>
/// Tunes the escalation thresholds on cached evidence of val sessions: fusion's accept threshold, and the cloud
/// stage's for the chooser that exists without a generative model (the recognizer's probabilities restricted to
/// the top candidates and renormalized, what <c>ChatBackend = recognizer</c> answers). The two are chosen together
/// as the <see cref="OperatingCurve"/>'s cheapest point: the fewest shopper asks whose final item accuracy (the
/// shopper's answers counted right) reaches the target. Baskets evolve with fusion's best guess, as in
/// <see cref="FusionTuner"/>.
/// </summary>
public static class EscalationTuner
{
    /// <summary>A threshold no probability reaches: the stage never accepts.</summary>
    public const double NeverAccept = 1.01;

    /// <summary>The default confidence that the chosen point's final accuracy reaches the target (see <see cref="OperatingCurve.Cheapest"/>).</summary>
    public const double DefaultConfidence = 0.9;

    public static EscalationTuningResult Tune(
        ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions fusionOptions, EscalationOptions current, double target,
        double confidence = DefaultConfidence) =>
        TuneAsync(catalog, sessions, fusionOptions, current, target, null, null, confidence).GetAwaiter().GetResult();

    /// <summary>
    /// Tunes the chain fusion → on-device → cloud → shopper for a final item accuracy of <paramref name="target"/>.
    /// With <paramref name="onDevice"/> (and <paramref name="frame"/> to read each event's image), the on-device
    /// stage is asked about every event fusion passes on at fusion's per-stage threshold, and its threshold is the
    /// lowest whose accepted choices reach <paramref name="target"/>, or <see cref="NeverAccept"/> when none does.
    /// When it reaches the target, every stage keeps that per-stage rule (the curve does not model the on-device
    /// stage); otherwise the stage never accepts and fusion and cloud are set from the curve, at the cheapest point
    /// whose final accuracy reaches the target with <paramref name="confidence"/> (a Wilson lower bound; 0: the point
    /// estimate). With <paramref name="cloud"/> (and <paramref name="frame"/>), the cloud stage is that chooser, asked
    /// about every event with its image, instead of the recognizer-backed choice computed from the cached evidence.
    /// </summary>
    public static async Task<EscalationTuningResult> TuneAsync(
        ProductCatalog catalog, IReadOnlyList<SessionEvidence> sessions, FusionOptions fusionOptions, EscalationOptions current, double target,
        ICandidateChooser? onDevice, Func<string, byte[]>? frame, double confidence = DefaultConfidence, CancellationToken cancellationToken = default,
        ICandidateChooser? cloud = null)
    {
        var fusion = new EvidenceFusion(catalog, fusionOptions with { TopCandidates = Math.Max(fusionOptions.TopCandidates, current.CandidateCount) });
        var first = new List<(double Confidence, bool Correct)>();
        var second = new List<(double FusionConfidence, double Confidence, bool Correct, bool TruthShown, ChoiceRequest Request, string Truth, string Image)>();
        foreach (var s in sessions)
        {
            var basket = new Basket();
            foreach (var e in s.Events)
            {
                var r = fusion.Fuse(e.Event, e.Probabilities, e.Similarity, basket);
                first.Add((r.Confidence, r.ProductId == e.Truth));
                var shown = r.Candidates.Take(current.CandidateCount).ToArray();
                var request = new ChoiceRequest(e.Event.Type, [], e.Event.WeightDeltaGrams,
                    [.. shown.Select(c => new ChoiceCandidate(c.ProductId, catalog.Get(c.ProductId).DisplayName, c.Posterior))]);
                var cloudChoice = CandidateChoice.FromScores(
                    request.Candidates, [.. shown.Select(c => (double)e.Probabilities[catalog.Get(c.ProductId).ClassIndex])]);
                second.Add((r.Confidence, cloudChoice.Probability, cloudChoice.ProductId == e.Truth, shown.Any(c => c.ProductId == e.Truth), request, e.Truth, e.Event.Image));
                BasketUpdate.Apply(basket, r);
            }
        }

        if (cloud is not null && frame is not null)
        {
            // Every event, whatever its fusion confidence: the curve tries fusion thresholds up to never accepting.
            for (var i = 0; i < second.Count; i++)
            {
                var x = second[i];
                var choice = await cloud.ChooseAsync(x.Request with { Images = [frame(x.Image)] }, cancellationToken).ConfigureAwait(false);
                second[i] = x with { Confidence = choice.Probability, Correct = choice.ProductId == x.Truth };
            }
        }

        // A confidence model's own cut (the fusion config's ambiguity threshold) is the floor: below it val flatters it.
        var fusionFloor = fusionOptions.Confidence is null ? 0 : fusionOptions.AmbiguityThreshold;
        var fusionThreshold = Math.Max(FusionTuner.PickThreshold(first, target), fusionFloor);
        var escalated = second.Where(x => x.FusionConfidence < fusionThreshold).ToList();
        var n = first.Count;
        var options = current with { FusionAcceptThreshold = fusionThreshold };
        OnDeviceTuning? onDeviceResult = null;
        var passedOn = escalated;
        if (onDevice is not null && frame is not null)
        {
            var asked = new List<(double Probability, bool Correct, int Index)>();
            for (var i = 0; i < escalated.Count; i++)
            {
                var x = escalated[i];
                if (x.Request.Candidates.Count < 2)
                {
                    continue;
                }

                var choice = await onDevice.ChooseAsync(x.Request with { Images = [frame(x.Image)] }, cancellationToken).ConfigureAwait(false);
                asked.Add((choice.Probability, choice.ProductId == x.Truth, i));
            }

            var pairs = asked.Select(a => (a.Probability, a.Correct)).ToList();
            var threshold = FusionTuner.PickThreshold(pairs, target);
            var accepted = asked.Where(a => a.Probability >= threshold).ToList();
            var reaches = accepted.Count == 0 || accepted.Count(a => a.Correct) >= target * accepted.Count;
            if (!reaches || accepted.Count == 0)
            {
                threshold = NeverAccept;
                accepted = [];
            }

            var acceptedIndex = accepted.Select(a => a.Index).ToHashSet();
            passedOn = [.. escalated.Where((_, i) => !acceptedIndex.Contains(i))];
            options = options with { OnDeviceAcceptThreshold = threshold };
            onDeviceResult = new OnDeviceTuning(
                asked.Count,
                asked.Count == 0 ? 0 : asked.Count(a => a.Correct) / (double)asked.Count,
                Rate(accepted.Count, n),
                accepted.Count == 0 ? 1 : accepted.Count(a => a.Correct) / (double)accepted.Count,
                reaches && accepted.Count > 0,
                [.. new[] { 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999 }.Select(t =>
                {
                    var at = asked.Where(a => a.Probability >= t).ToList();
                    return new ThresholdPoint(t, Rate(at.Count, asked.Count), at.Count == 0 ? 1.0 : at.Count(a => a.Correct) / (double)at.Count);
                })]);
        }

        if (onDeviceResult is { ReachesTarget: true })
        {
            var cloudThreshold = FusionTuner.PickThreshold(passedOn.Select(x => (x.Confidence, x.Correct)).ToList(), target);
            var fusionAccepted = first.Where(x => x.Confidence >= fusionThreshold).ToList();
            var cloudAccepted = passedOn.Where(x => x.Confidence >= cloudThreshold).ToList();
            return new EscalationTuningResult(
                options with { CloudAcceptThreshold = cloudThreshold },
                n,
                Rate(fusionAccepted.Count, n),
                fusionAccepted.Count == 0 ? 1 : fusionAccepted.Count(x => x.Correct) / (double)fusionAccepted.Count,
                Rate(cloudAccepted.Count, n),
                cloudAccepted.Count == 0 ? 1 : cloudAccepted.Count(x => x.Correct) / (double)cloudAccepted.Count,
                Rate(passedOn.Count - cloudAccepted.Count, n),
                escalated.Count == 0 ? 1 : escalated.Count(x => x.TruthShown) / (double)escalated.Count,
                onDeviceResult);
        }

        var events = first.Zip(second, (f, c) => (f.Confidence, f.Correct, c.Confidence, c.Correct, (bool?)null)).ToList();
        var withCloud = OperatingCurve.Compute(events, withCloud: true);
        var withoutCloud = OperatingCurve.Compute(events, withCloud: false);
        var chosen = withCloud.Cheapest(target, confidence, fusionFloor);
        var alone = withoutCloud.Points.Single(p => p.FusionThreshold == chosen.FusionThreshold);
        var fused = first.Where(x => x.Confidence >= chosen.FusionThreshold).ToList();
        var clouded = second.Where(x => x.FusionConfidence < chosen.FusionThreshold && x.Confidence >= chosen.CloudThreshold).ToList();
        var passed = second.Where(x => x.FusionConfidence < chosen.FusionThreshold).ToList();
        return new EscalationTuningResult(
            options with { FusionAcceptThreshold = chosen.FusionThreshold, CloudAcceptThreshold = chosen.CloudThreshold },
            n,
            chosen.FusionAccepted,
            fused.Count == 0 ? 1 : fused.Count(x => x.Correct) / (double)fused.Count,
            chosen.CloudAccepted,
            clouded.Count == 0 ? 1 : clouded.Count(x => x.Correct) / (double)clouded.Count,
            chosen.AskRate,
            passed.Count == 0 ? 1 : passed.Count(x => x.TruthShown) / (double)passed.Count,
            onDeviceResult,
            "final-accuracy",
            chosen,
            alone,
            withCloud.Frontier(),
            withoutCloud.Frontier(),
            confidence);
    }

    private static double Rate(int k, int n) => n == 0 ? 0 : (double)k / n;
}
