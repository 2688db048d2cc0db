namespace BasketReasoner.Reasoning.Escalation;

/// <summary>
/// Thresholds and budgets of the escalation chain fusion → on-device chooser → cloud chooser → shopper. Read from
/// <c>config/escalation.json</c>; <c>basket tune escalation</c> sets the thresholds from val sessions.
/// </summary>
public sealed record EscalationOptions
{
    /// <summary>Fusion's decision is accepted at or above this confidence (its posterior, or its confidence model's output). Default: 0.999.</summary>
    public double FusionAcceptThreshold { get; set; } = 0.999;

    /// <summary>
    /// The on-device chooser's choice is accepted at or above this probability; above 1 it is never accepted. Default:
    /// 0.9. <c>config/escalation.json</c> ships 1.01: tuned on val with the VLM in <c>models/vlm</c>
    /// (<c>basket tune escalation --on-device models/vlm</c>), no threshold made its accepted choices reach the 99.8 %
    /// target (at 0.9 it accepted 15.9 % of escalated events with 69.1 % correct).
    /// </summary>
    public double OnDeviceAcceptThreshold { get; set; } = 0.9;

    /// <summary>The cloud chooser's choice is accepted at or above this probability. Default: 0.8.</summary>
    public double CloudAcceptThreshold { get; set; } = 0.8;

    /// <summary>How many of fusion's best candidates a chooser (and the shopper) picks from. Default: 4; at least 2.</summary>
    public int CandidateCount { get; set; } = 4;

    /// <summary>Budget for the on-device chooser; past it the stage counts as failed. Default: 3 s.</summary>
    public TimeSpan OnDeviceTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Outer budget for the cloud chooser, on top of its own resilience pipeline's timeouts (see
    /// <c>CloudChooserOptions</c>). Default: 10 s.
    /// </summary>
    public TimeSpan CloudTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
