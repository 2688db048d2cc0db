using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Catalog;

/// <summary>One product the store sells, as the catalog describes it.</summary>
public sealed record Product
{
    /// <summary>Stable id: the dataset's fine class name, e.g. <c>Arla-Standard-Milk</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Index of the product in the recognizer's output (the dataset's fine class id).</summary>
    public required int ClassIndex { get; init; }

    /// <summary>
    /// The catalog title as the dataset gives it: pack text and translations mixed (some wrong, e.g. "Skimmed" for a
    /// mellanmjölk). The models were trained on it and retrieval indexes it; what a shopper reads is
    /// <see cref="ShopperFacingName"/>.
    /// </summary>
    public required string DisplayName { get; init; }

    /// <summary>
    /// The name shown to the shopper on the screen, the receipt and in answers: English, numbers with a decimal point
    /// (1.5%). <c>null</c> in catalogs built before it existed; <see cref="ShopperFacingName"/> then falls back.
    /// </summary>
    public string? ShopperName { get; init; }

    /// <summary>The pack's own words (mostly Swedish) where they say something else than <see cref="ShopperName"/>: secondary text; else <c>null</c>.</summary>
    public string? PackName { get; init; }

    /// <summary>What the shopper reads: <see cref="ShopperName"/>, or <see cref="DisplayName"/> for an older catalog.</summary>
    [JsonIgnore]
    public string ShopperFacingName => ShopperName ?? DisplayName;

    /// <summary>Brand for packaged goods; <c>null</c> for loose produce.</summary>
    public string? Brand { get; init; }

    /// <summary>Coarse category, e.g. <c>Milk</c>, <c>Apple</c>.</summary>
    public required string CoarseCategory { get; init; }

    /// <summary>Top category: <c>Fruit</c>, <c>Vegetables</c> or <c>Packages</c>.</summary>
    public required string TopCategory { get; init; }

    public required SoldBy SoldBy { get; init; }

    /// <summary>What the cart's scale sees for one unit (one pack with its packaging, or one typical piece).</summary>
    public required double UnitWeightGrams { get; init; }

    /// <summary><c>true</c> when the dataset gives no weight and <see cref="UnitWeightGrams"/> is a typical value.</summary>
    public required bool UnitWeightEstimated { get; init; }

    /// <summary>Declared volume in millilitres for liquids, else <c>null</c>.</summary>
    public double? VolumeMl { get; init; }

    /// <summary>Declared net weight in grams as printed on the pack, else <c>null</c>.</summary>
    public double? NetWeightGrams { get; init; }

    public required ProductAttributes Attributes { get; init; }

    public required string Description { get; init; }

    /// <summary>The ingredient list as printed on the pack (mostly Swedish); <c>null</c> when the dataset has none.</summary>
    public string? Ingredients { get; init; }

    /// <summary>
    /// EU allergens (canonical English names, see <c>AllergenTable</c>) named in <see cref="Ingredients"/>; empty when
    /// the list names none; <c>null</c> when there is no ingredient list, i.e. unknown, never guessed.
    /// </summary>
    public IReadOnlyList<string>? Allergens { get; init; }

    public required DemoPrice Price { get; init; }

    /// <summary>Iconic (catalog) image, relative to the dataset's <c>dataset/</c> folder.</summary>
    public required string IconicImage { get; init; }

    /// <summary>Where the facts came from, e.g. the dataset's information file.</summary>
    public string? Source { get; init; }

    /// <summary><c>true</c> when the product has an ingredient list, so <see cref="Allergens"/> is known.</summary>
    [JsonIgnore]
    public bool AllergensKnown => Allergens is not null;

    [JsonIgnore]
    public bool IsLoose => SoldBy == SoldBy.Weight;

    // Value equality must compare the allergen list's items, not its reference (a record compares lists by reference).
    public bool Equals(Product? other) =>
        other is not null
        && Id == other.Id && ClassIndex == other.ClassIndex && DisplayName == other.DisplayName && Brand == other.Brand
        && CoarseCategory == other.CoarseCategory && TopCategory == other.TopCategory && SoldBy == other.SoldBy
        && UnitWeightGrams.Equals(other.UnitWeightGrams) && UnitWeightEstimated == other.UnitWeightEstimated
        && Nullable.Equals(VolumeMl, other.VolumeMl) && Nullable.Equals(NetWeightGrams, other.NetWeightGrams)
        && Attributes == other.Attributes && Description == other.Description && Ingredients == other.Ingredients
        && (Allergens is null ? other.Allergens is null : other.Allergens is not null && Allergens.SequenceEqual(other.Allergens))
        && Price == other.Price && IconicImage == other.IconicImage && Source == other.Source
        && ShopperName == other.ShopperName && PackName == other.PackName;

    public override int GetHashCode() => HashCode.Combine(Id, ClassIndex, DisplayName, UnitWeightGrams, Price);
}
