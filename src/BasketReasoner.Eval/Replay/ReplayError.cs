namespace BasketReasoner.Eval.Replay;

/// <summary>An event the replay had to skip: its image could not be read or the resolver threw.</summary>
public sealed record ReplayError(string SessionId, int Seq, string Message);
