namespace BasketReasoner.Core.Catalog.Reference;

/// <summary>
/// A product from the Open Food Facts Italy export: reference facts about a product the store does NOT sell.
/// Read-only; answers built from it must say it is not a store product.
/// </summary>
public sealed record ReferenceProduct
{
    /// <summary>Stable id: <c>off:</c> followed by the barcode.</summary>
    public required string Id { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public string? Brands { get; init; }

    /// <summary>Quantity as printed, e.g. <c>500 g</c>.</summary>
    public string? Quantity { get; init; }

    public string? Categories { get; init; }

    public string? Labels { get; init; }

    public string? Ingredients { get; init; }

    /// <summary>Canonical allergen names (as in <c>AllergenTable</c>); <c>null</c> when the record gives neither allergens nor ingredients.</summary>
    public IReadOnlyList<string>? Allergens { get; init; }

    /// <summary>Canonical allergen names of the "may contain traces" line; empty when none are given.</summary>
    public IReadOnlyList<string> Traces { get; init; } = [];

    public double? EnergyKcalPer100g { get; init; }

    public double? FatPer100g { get; init; }

    public double? SugarsPer100g { get; init; }

    public double? ProteinsPer100g { get; init; }

    public double? SaltPer100g { get; init; }
}
