namespace BasketReasoner.CatalogBuilding;

/// <summary>What a quantity measures: mass (normalised to grams) or volume (normalised to millilitres).</summary>
internal enum QuantityKind
{
    Mass,
    Volume,
}

/// <summary>
/// A parsed quantity such as <c>ca 150g</c> or <c>6x33cl</c>, normalised to grams or millilitres.
/// </summary>
/// <param name="Amount">Total amount in grams (mass) or millilitres (volume), multipacks multiplied out.</param>
/// <param name="Kind">Mass or volume.</param>
/// <param name="IsApproximate"><c>true</c> when the text hedges with "ca": a typical piece, not a fixed pack.</param>
/// <param name="Count">Number of items in a multipack (<c>6</c> in <c>6x33cl</c>); <c>1</c> otherwise.</param>
internal readonly record struct Quantity(double Amount, QuantityKind Kind, bool IsApproximate, int Count = 1)
{
    public double? Grams => Kind == QuantityKind.Mass ? Amount : null;

    public double? Millilitres => Kind == QuantityKind.Volume ? Amount : null;
}
