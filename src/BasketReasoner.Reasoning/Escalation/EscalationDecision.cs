using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Reasoning.Escalation;

/// <summary>
/// How the chain decided one event: fusion's resolution with its evidence, each stage it went through, and either
/// the accepted product or the candidates the shopper is asked to choose from.
/// </summary>
public sealed record EscalationDecision
{
    /// <summary>Fusion's resolution and evidence (always present; later stages start from it).</summary>
    public required Resolution Fusion { get; init; }

    /// <summary>Stages in the order they ran.</summary>
    public required IReadOnlyList<StageRecord> Stages { get; init; }

    /// <summary>The stage that decided: <c>fusion</c>, <c>on-device</c>, <c>cloud</c> or <c>shopper</c>.</summary>
    public required string DecidedBy { get; init; }

    /// <summary>The accepted product; <c>null</c> when the shopper is asked.</summary>
    public string? ProductId { get; init; }

    /// <summary>The deciding stage's probability for <see cref="ProductId"/>.</summary>
    public double Confidence { get; init; }

    /// <summary>Candidates handed to the choosers and, when asked, shown to the shopper; best first.</summary>
    public required IReadOnlyList<ChoiceCandidate> Candidates { get; init; }

    /// <summary>All stages together.</summary>
    public double TotalLatencyMs { get; init; }

    public bool NeedsShopper => ProductId is null;
}
