namespace BasketReasoner.Server.Carts;

/// <summary>
/// One settled weight event the scale measured for several frames at once: a quick double add (or removal), two items
/// in faster than the scale settles, summed into one delta. Neither frame can be weighed by the whole delta (it billed
/// an oat yoghurt and a milk as two oat yoghurts), so each frame takes what the frames before it leave of it
/// (<see cref="CartService"/>): the first none, a later one the delta less the catalog weight of what the earlier ones
/// were decided as. When an earlier one is not decided yet (waiting for the shopper or its label), a later one is
/// resolved without a weight.
/// </summary>
/// <param name="TotalDeltaGrams">The settled delta of the one weight event, with its sign.</param>
/// <param name="EarlierFrameIds">The frames before this one that share it, oldest first (empty for the first).</param>
internal sealed record SharedWeight(double TotalDeltaGrams, IReadOnlyList<string> EarlierFrameIds);
