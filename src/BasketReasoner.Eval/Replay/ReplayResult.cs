namespace BasketReasoner.Eval.Replay;

/// <summary>Everything a replay produced: per-session outcomes and the events it had to skip.</summary>
public sealed record ReplayResult(IReadOnlyList<SessionOutcome> Sessions, IReadOnlyList<ReplayError> Errors);
