namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// How sure fusion is of its pick, apart from which product it picks. The fusion weights are tuned for the
/// likelihood of the true product (the best candidates and their order, a calibrated posterior); which events fusion
/// may decide alone is a ranking question at the very top, and on val sessions other weights rank those events far
/// better (vision and retrieval weighed much more, the weight likelihood less: <c>eval/README.md</c>, "A confidence
/// model for fusion's decision"). The confidence of the pick c* is
/// <c>σ(PosteriorSlope · logit p(c*) + MarginSlope · max(0, m − Knee) + Intercept)</c>: p is the fusion posterior,
/// <c>m = s(c*) − log Σ_{c≠c*} e^{s(c)}</c> the pick's log-odds under the margin's weights (<see cref="Weights"/>, the
/// fusion's own for sources not named). Below the knee the posterior alone speaks (it is the better probability
/// there); above it a large margin adds certainty. The four numbers are a logistic fit on val, so the confidence
/// stays calibrated. The other candidates keep their fusion posteriors, scaled to share what is left. Part of
/// <see cref="FusionOptions"/> (<c>Confidence</c> in <c>config/fusion.json</c>); absent: the confidence is the
/// pick's fusion posterior (as it is with the defaults here).
/// </summary>
public sealed record ConfidenceModelOptions
{
    /// <summary>
    /// Source weights for the margin, by source name (<c>vision</c>, <c>retrieval</c>, <c>weight</c>, <c>text</c>,
    /// <c>prior</c> or an added source); sources not named keep their fusion weight. Each finite and ≥ 0. Default: none.
    /// </summary>
    public Dictionary<string, double> Weights { get; set; } = [];

    /// <summary>Factor on the logit of the pick's fusion posterior; finite and ≥ 0. Default: 1.</summary>
    public double PosteriorSlope { get; set; } = 1.0;

    /// <summary>Factor on the margin above <see cref="Knee"/>; finite and ≥ 0. Default: 0 (the margin is not used).</summary>
    public double MarginSlope { get; set; }

    /// <summary>The margin (nats) above which it adds to the confidence; finite. Default: 0.</summary>
    public double Knee { get; set; }

    /// <summary>Finite. Default: 0.</summary>
    public double Intercept { get; set; }

    /// <summary>
    /// The probability of a pick whose fusion posterior has log-odds <paramref name="posteriorLogit"/> and whose margin
    /// is <paramref name="margin"/> (either may be +∞: certain), stable at both ends.
    /// </summary>
    public double Calibrate(double posteriorLogit, double margin)
    {
        var z = (PosteriorSlope == 0 ? 0 : PosteriorSlope * posteriorLogit) + (MarginSlope == 0 ? 0 : MarginSlope * Math.Max(0, margin - Knee)) + Intercept;
        if (double.IsPositiveInfinity(z))
        {
            return 1.0;
        }

        return z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
    }

    /// <exception cref="ArgumentOutOfRangeException">A weight or slope is negative or not finite; the knee or intercept is not finite.</exception>
    public void Validate()
    {
        foreach (var (name, w) in Weights)
        {
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Weights), w, $"Confidence:Weights:{name} must be a finite number ≥ 0.");
            }
        }

        foreach (var (name, v) in new[] { (nameof(PosteriorSlope), PosteriorSlope), (nameof(MarginSlope), MarginSlope) })
        {
            if (!double.IsFinite(v) || v < 0)
            {
                throw new ArgumentOutOfRangeException(name, v, $"Confidence:{name} must be a finite number ≥ 0 (a surer pick is never less confident).");
            }
        }

        foreach (var (name, v) in new[] { (nameof(Knee), Knee), (nameof(Intercept), Intercept) })
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(name, v, $"Confidence:{name} must be a finite number.");
            }
        }
    }
}
