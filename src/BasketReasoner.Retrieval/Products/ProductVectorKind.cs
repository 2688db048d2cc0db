namespace BasketReasoner.Retrieval.Products;

/// <summary>Where a stored product vector came from.</summary>
public static class ProductVectorKind
{
    /// <summary>Embedding of the catalog's iconic image.</summary>
    public const string Iconic = "iconic";

    /// <summary>A train-image prototype: the normalised class mean or a k-means centroid.</summary>
    public const string Prototype = "prototype";
}
