namespace BasketReasoner.Eval.Replay;

/// <summary>
/// One replayed event's decision as the behaviour baseline records it: what was chosen, by which stage, whether it
/// was flagged, and the posterior rounded to <see cref="DecisionLog.PosteriorDecimals"/> decimals.
/// </summary>
/// <param name="Session">Session id.</param>
/// <param name="Seq">Event sequence number within the session.</param>
/// <param name="Product">Chosen product id.</param>
/// <param name="Stage">The stage that decided, e.g. <c>fusion</c>.</param>
/// <param name="Ambiguous">Whether the event was flagged for the next stage.</param>
/// <param name="Posterior">Posterior of the chosen product, rounded.</param>
public sealed record Decision(string Session, int Seq, string Product, string Stage, bool Ambiguous, double Posterior);
