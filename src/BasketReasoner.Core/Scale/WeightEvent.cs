namespace BasketReasoner.Core.Scale;

/// <summary>
/// One weight change the scale is sure of (or sure it could not measure): the output of
/// <see cref="WeightEventDetector"/>. A value type, so producing one allocates nothing.
/// </summary>
/// <param name="OnsetSeconds">Stream time at which the signal left its previous level.</param>
/// <param name="TimeSeconds">Stream time at which the event was decided: the reading settled, or the detector gave up.</param>
/// <param name="DeltaGrams">Settled change (new level minus previous level), negative for removals; <c>null</c> when the
/// scale did not settle, exactly as <see cref="Events.CartEvent.WeightDeltaGrams"/> expects.</param>
/// <param name="EstimatedDeltaGrams">Best guess of the change even when unsettled (a slow average); equals
/// <see cref="DeltaGrams"/> when settled. For diagnostics; the fusion should use <see cref="DeltaGrams"/>.</param>
/// <param name="UncertaintyGrams">One standard deviation of <see cref="DeltaGrams"/> (white-noise approximation from the
/// settle window's spread and the baseline noise); for an unsettled event, the spread of the signal when it gave up.</param>
/// <param name="Settled"><c>false</c> when the reading never settled within
/// <see cref="WeightEventDetectorOptions.MaxSettleSeconds"/>.</param>
/// <param name="BaselineGrams">The level before the change.</param>
public readonly record struct WeightEvent(
    double OnsetSeconds,
    double TimeSeconds,
    double? DeltaGrams,
    double EstimatedDeltaGrams,
    double UncertaintyGrams,
    bool Settled,
    double BaselineGrams)
{
    /// <summary>Time from the onset of the change to the decision.</summary>
    public double SettleSeconds => TimeSeconds - OnsetSeconds;
}
