using BasketReasoner.Core.Baskets;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Harness.Datasets;

/// <summary>
/// Turns a replay into ambiguous-item cases: every event the fusion flagged as ambiguous or decided wrongly, with
/// the fusion's top candidates and the basket as the replay held it just before the event.
/// </summary>
public static class AmbiguousCaseBuilder
{
    /// <param name="replay">A replay of simulated sessions (events must carry their truth).</param>
    /// <param name="split">Written on every case (the split the sessions were simulated from).</param>
    /// <param name="topK">Candidates kept per case (the fusion's top K).</param>
    public static IReadOnlyList<AmbiguousCase> Build(ReplayResult replay, string split, int topK = 5)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var cases = new List<AmbiguousCase>();
        foreach (var session in replay.Sessions)
        {
            // Re-apply the decisions in order so each case sees the basket the pipeline saw.
            var basket = new Basket();
            foreach (var e in session.Events)
            {
                var before = basket.Lines().OrderBy(l => l.Product, StringComparer.Ordinal).ToArray();
                BasketUpdate.Apply(basket, e.Resolution);
                if (e.Truth is null || (!e.Resolution.IsAmbiguous && e.Correct == true))
                {
                    continue;
                }

                var top = e.Resolution.Candidates.Take(topK).ToArray();
                cases.Add(new AmbiguousCase(
                    $"{split}-{session.SessionId}-{e.Event.Seq}", split, e.Event.Image, e.Event.WeightDeltaGrams, e.Event.Type,
                    top.Select(c => c.ProductId).ToArray(), e.Truth, top.Select(c => c.Posterior).ToArray(), before));
            }
        }

        return cases;
    }
}
