namespace BasketReasoner.Core.Catalog;

/// <summary>Facts parsed from the product texts. A <c>null</c> means the texts do not say.</summary>
public sealed record ProductAttributes
{
    public bool Organic { get; init; }

    public bool LactoseFree { get; init; }

    public bool PlantBased { get; init; }

    /// <summary>Fat content in percent, for dairy and its alternatives.</summary>
    public double? FatPercent { get; init; }

    /// <summary>Flavour, e.g. <c>vanilla</c>, <c>strawberry</c>, <c>orange</c>.</summary>
    public string? Flavour { get; init; }

    /// <summary>Country of origin where the texts give one.</summary>
    public string? Origin { get; init; }
}
