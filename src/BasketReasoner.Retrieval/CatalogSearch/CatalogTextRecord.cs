using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>One catalog text's vector in the embedded store, with the fields the search filters on.</summary>
public sealed class CatalogTextRecord
{
    /// <summary>Store product id, or a reference product's <c>off:</c> id.</summary>
    public string Id { get; set; } = string.Empty;

    public bool IsStoreProduct { get; set; }

    /// <summary>Store products' coarse category; empty for reference products.</summary>
    public string CoarseCategory { get; set; } = string.Empty;

    public float[] Vector { get; set; } = [];

    /// <summary>The collection definition for <paramref name="dimensions"/>-dimensional text vectors, compared by cosine.</summary>
    public static VectorStoreCollectionDefinition CreateDefinition(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(string)),
            new VectorStoreDataProperty(nameof(IsStoreProduct), typeof(bool)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(CoarseCategory), typeof(string)) { IsIndexed = true },
            new VectorStoreVectorProperty(nameof(Vector), typeof(float[]), dimensions)
            {
                DistanceFunction = DistanceFunction.CosineSimilarity,
                IndexKind = IndexKind.Flat,
            },
        ],
    };
}
