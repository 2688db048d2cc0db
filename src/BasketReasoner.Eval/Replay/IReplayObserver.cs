using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Sessions;

namespace BasketReasoner.Eval.Replay;

/// <summary>
/// Watches a replay as it happens (the demo prints from here); every method defaults to doing nothing.
/// </summary>
public interface IReplayObserver
{
    void SessionStarted(CartSession session)
    {
    }

    /// <param name="outcome">The decision for the event.</param>
    /// <param name="change">What applying it did to the basket.</param>
    void EventResolved(EventOutcome outcome, BasketChange change)
    {
    }

    void EventFailed(ReplayError error)
    {
    }

    void SessionFinished(SessionOutcome outcome)
    {
    }
}
