namespace BasketReasoner.Core.Baskets;

/// <summary>One line of a basket: a product id and how many units of it.</summary>
public sealed record BasketLine(string Product, int Qty);
