using BasketReasoner.Core.Scale;

namespace BasketReasoner.Eval.Driving;

/// <summary>What one cart's trip did on the server.</summary>
/// <param name="CartId">The cart.</param>
/// <param name="Trip">The trip played.</param>
/// <param name="Detected">The server's weight events, on the trip's own clock (seconds).</param>
/// <param name="Added">What the basket gained during the run (product id → quantity; negative when it lost some).</param>
/// <param name="Resolved">Events the server resolved.</param>
/// <param name="Unweighted">Of those, resolved without a weight (no weight event joined the frame in its window).</param>
/// <param name="DroppedWeightEvents">Weight events the server dropped because no frame came.</param>
/// <param name="Asks">Confirmations the shopper answered.</param>
/// <param name="AsksWithTruthOffered">Of those, answered with the true product (it was among the candidates).</param>
/// <param name="EventsRight">Resolved events whose final product (after the shopper) is the true one.</param>
public sealed record CartRun(
    string CartId,
    CartTrip Trip,
    IReadOnlyList<WeightEvent> Detected,
    IReadOnlyDictionary<string, int> Added,
    int Resolved,
    int Unweighted,
    int DroppedWeightEvents,
    int Asks,
    int AsksWithTruthOffered,
    int EventsRight)
{
    /// <summary>Products whose quantity differs from the trip's expected basket: (id, expected, got).</summary>
    public IReadOnlyList<(string ProductId, int Expected, int Got)> BasketDifferences
    {
        get
        {
            var expected = Trip.Expected.ToDictionary(l => l.Product, l => l.Qty, StringComparer.Ordinal);
            return expected.Keys.Union(Added.Keys).Order(StringComparer.Ordinal)
                .Select(id => (id, expected.GetValueOrDefault(id), Added.GetValueOrDefault(id)))
                .Where(x => x.Item2 != x.Item3)
                .ToArray();
        }
    }

    public bool BasketExact => BasketDifferences.Count == 0;
}
