using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Eval.Scale;

namespace BasketReasoner.Eval.Driving;

/// <summary>One cart's trip: its sessions' events as one raw scale stream, with the camera frame for each change.</summary>
/// <param name="Stream">The readings and their truth; <c>Stream.Truth[i]</c> is <see cref="Events"/>[i].</param>
/// <param name="Events">Each weight change's session event (its type and close-up frame) and true product.</param>
/// <param name="Expected">The basket the trip should end with.</param>
public sealed record CartTrip(ScaleStream Stream, IReadOnlyList<(CartEvent Event, string ProductId)> Events, IReadOnlyList<BasketLine> Expected)
{
    /// <summary>
    /// The scale stream of <paramref name="sessions"/> in order (see <see cref="ScaleSimulator.Generate(ScaleSignalOptions, IReadOnlyList{ScaleAction})"/>):
    /// each event's true change is the session's settled reading, or the product's unit weight when the session's
    /// scale did not settle.
    /// </summary>
    /// <exception cref="ArgumentException">A session event has no ground truth (sessions must come from the simulator).</exception>
    public static CartTrip Of(IReadOnlyList<CartSession> sessions, ProductCatalog catalog, ScaleSignalOptions signal)
    {
        var events = new List<(CartEvent, string)>();
        var actions = new List<ScaleAction>();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            for (var i = 0; i < session.Events.Count; i++)
            {
                var e = session.Events[i];
                var id = session.EventTruth?[i] ?? throw new ArgumentException($"Session '{session.Id}' event {i + 1} has no ground truth; replay simulated sessions.", nameof(sessions));
                var product = catalog.Get(id);
                var grams = Math.Abs(e.WeightDeltaGrams ?? product.UnitWeightGrams);
                actions.Add(new ScaleAction(id, e.Type == CartEventType.Add ? grams : -grams, product.SoldBy == SoldBy.Unit));
                events.Add((e, id));
            }

            foreach (var line in session.Expected)
            {
                expected[line.Product] = expected.GetValueOrDefault(line.Product) + line.Qty;
            }
        }

        var stream = new ScaleSimulator(catalog).Generate(signal, actions);
        return new CartTrip(stream, events, expected.Select(kv => new BasketLine(kv.Key, kv.Value)).ToArray());
    }
}
