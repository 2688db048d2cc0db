namespace BasketReasoner.CatalogBuilding;

/// <summary>What the scale sees for one unit, and whether the dataset stated the underlying figure.</summary>
internal readonly record struct UnitWeight(double Grams, bool Estimated);
