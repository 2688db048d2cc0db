namespace BasketReasoner.Core.Escalation;

/// <summary>
/// A stage after fusion that picks among retrieved candidates: the on-device model (constrained choice) or the
/// cloud fallback. The escalation policy accepts its choice when <see cref="CandidateChoice.Probability"/> clears
/// that stage's tuned threshold and otherwise moves on.
/// </summary>
public interface ICandidateChooser
{
    /// <summary>Stage name recorded on the decision, e.g. <c>on-device</c>, <c>cloud</c>.</summary>
    string Stage { get; }

    /// <exception cref="OperationCanceledException">Cancelled or timed out.</exception>
    Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default);
}
