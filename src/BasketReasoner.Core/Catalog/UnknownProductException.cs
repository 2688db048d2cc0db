namespace BasketReasoner.Core.Catalog;

/// <summary>A product id that the catalog does not know.</summary>
public sealed class UnknownProductException(string productId)
    : Exception($"Unknown product '{productId}': it is not in the catalog.")
{
    public string ProductId { get; } = productId;
}
