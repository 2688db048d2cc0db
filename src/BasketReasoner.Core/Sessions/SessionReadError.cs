namespace BasketReasoner.Core.Sessions;

/// <summary>A session line that was skipped, with its 1-based line number and why.</summary>
public sealed record SessionReadError(int Line, string Message);
