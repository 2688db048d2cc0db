namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// When label text (OCR, by far the most expensive evidence) is worth reading: only while the event's decision still
/// depends on it. Part of <see cref="FusionOptions"/> (<c>TextGate</c> in <c>config/fusion.json</c>); applied by
/// <see cref="LabelTextGate"/> after the packaged-goods gate (<see cref="FusionOptions.TextGatePackagedMass"/>).
/// </summary>
public sealed record LabelTextGateOptions
{
    /// <summary>
    /// The posterior at which fusion's decision stands without label text: text is read only while fusion without
    /// it gives its best product less. The chain sets it, when unset, to the escalation's
    /// <c>FusionAcceptThreshold</c>, so text is read exactly when the fusion stage would not accept the event and
    /// the next stage (on-device, cloud, shopper) would otherwise take it; an event fusion accepts never pays for
    /// OCR. <c>null</c>: <see cref="FusionOptions.TextSkipConfidence"/> (the older fixed cut, 0.9 in the shipped
    /// config, which skipped text on events between 0.9 and the acceptance threshold that then went on unsure).
    /// 0 to 1.01 (above 1: always read). Default: <c>null</c>.
    /// </summary>
    public double? DecidedAt { get; set; }

    /// <summary>
    /// Also skip text when no label could lift any product to <see cref="DecidedAt"/>. A product's text score is at
    /// most the sum of its terms' weights (every term read exactly, at full OCR confidence) and every other score is
    /// at least 0, so with text weight γ its posterior is at most p·e^{γT} / (p·e^{γT} + 1 − p); when that bound
    /// stays below <see cref="DecidedAt"/> for every product, text cannot make fusion accept and the event goes on
    /// to the next stage with or without it (text would only reorder the candidates that stage sees). Default: true.
    /// </summary>
    public bool OnlyWhenReachable { get; set; } = true;

    /// <summary>The threshold the gate compares with: <see cref="DecidedAt"/>, else <paramref name="fallback"/>.</summary>
    public double DecidedAtOr(double fallback) => DecidedAt ?? fallback;

    /// <exception cref="ArgumentOutOfRangeException"><see cref="DecidedAt"/> is outside 0 to 1.01 or not a number.</exception>
    public void Validate()
    {
        if (DecidedAt is { } d && !(d is >= 0 and <= 1.01))
        {
            throw new ArgumentOutOfRangeException(nameof(DecidedAt), d, "TextGate:DecidedAt must be between 0 and 1.01 (above 1: always read).");
        }
    }
}
