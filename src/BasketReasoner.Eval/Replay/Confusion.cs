namespace BasketReasoner.Eval.Replay;

/// <summary>A mistake that happened <see cref="Count"/> times: the truth was one product, the resolver chose another.</summary>
public sealed record Confusion(string Truth, string Chosen, int Count);
