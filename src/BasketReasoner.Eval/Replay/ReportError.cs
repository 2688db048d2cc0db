namespace BasketReasoner.Eval.Replay;

/// <summary>A problem in an evaluation: a session-file line that was skipped (<see cref="Line"/>) or an event that
/// was skipped (<see cref="Session"/> and <see cref="Seq"/>).</summary>
public sealed record ReportError(int? Line, string? Session, int? Seq, string Message);
