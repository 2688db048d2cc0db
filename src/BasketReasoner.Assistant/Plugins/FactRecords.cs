using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant.Plugins;

/// <summary>One basket line with its product's name.</summary>
public sealed record BasketLineFact(string ProductId, string Name, int Qty);

/// <summary>A priced basket line; <see cref="Grams"/> and <see cref="WeightEstimated"/> for produce sold by weight.</summary>
public sealed record PricedLineFact(string ProductId, string Name, int Qty, decimal LineTotal, double? Grams, bool WeightEstimated);

/// <summary>The basket's total with demo prices; loose produce priced at the catalog unit weight (an estimate).</summary>
public sealed record BasketTotalFact(IReadOnlyList<PricedLineFact> Lines, decimal Total, string Currency, bool AnyWeightEstimated, bool PricesAreDemo);

/// <summary>A product's shelf price and its price per comparable unit (kg, litre or unit); <see cref="PricePerPiece"/> is
/// what one unit costs as the cart counts units (loose produce: one piece of the catalog's typical weight).</summary>
public sealed record PriceFact(string ProductId, string Name, string CoarseCategory, decimal Amount, string Currency, PriceUnit Per, decimal ComparablePrice, string ComparableUnit, bool IsDemo)
{
    public decimal PricePerPiece { get; init; }

    public double PieceGrams { get; init; }
}

/// <summary>Declared volume of some basket lines together; <see cref="WithoutVolume"/> names lines that declare none.</summary>
public sealed record VolumeFact(double Ml, double Litres, double Decilitres, IReadOnlyList<string> WithoutVolume);

/// <summary>What an asked amount of a product costs (<see cref="Total"/> null when it cannot be priced that way); <see cref="Estimated"/>
/// when loose produce is priced at the catalog's typical weight per piece; <see cref="Basis"/> says how it was priced.</summary>
public sealed record QuantityPriceFact(string ProductId, decimal? Total, string Currency, bool Estimated, string Basis);

/// <summary>One basket line's weight: measured by the scale (loose produce) or the catalog unit weight times the quantity.</summary>
public sealed record LineWeightFact(string ProductId, int Qty, double Grams, bool Measured);
