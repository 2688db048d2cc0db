using BasketReasoner.Core.Catalog;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Products;

/// <summary>
/// One stored embedding of a product, with the catalog facts the reasoner filters on. A product has several:
/// its iconic image and its train-image prototypes.
/// </summary>
/// <remarks>
/// The embedding dimension depends on the recognizer, so it is not declared with attributes: open the collection
/// with <see cref="CreateDefinition"/>.
/// </remarks>
public sealed class ProductVectorRecord
{
    /// <summary>Unique key: <c>{ProductId}/{Kind}/{Ordinal}</c>, see <see cref="KeyFor"/>.</summary>
    public string Key { get; set; } = string.Empty;

    public string ProductId { get; set; } = string.Empty;

    /// <summary>The product's recognizer class index.</summary>
    public int ClassIndex { get; set; }

    /// <summary><see cref="ProductVectorKind.Iconic"/> or <see cref="ProductVectorKind.Prototype"/>.</summary>
    public string Kind { get; set; } = ProductVectorKind.Prototype;

    public string CoarseCategory { get; set; } = string.Empty;

    public string TopCategory { get; set; } = string.Empty;

    public double UnitWeightGrams { get; set; }

    /// <summary>Unit-norm embedding; empty when read back without vectors.</summary>
    public float[] Vector { get; set; } = [];

    /// <summary>The stable key for the <paramref name="ordinal"/>-th vector of a kind for a product.</summary>
    public static string KeyFor(string productId, string kind, int ordinal) => $"{productId}/{kind}/{ordinal}";

    /// <summary>Creates a record carrying <paramref name="product"/>'s filterable facts.</summary>
    public static ProductVectorRecord For(Product product, string kind, int ordinal, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new ProductVectorRecord
        {
            Key = KeyFor(product.Id, kind, ordinal),
            ProductId = product.Id,
            ClassIndex = product.ClassIndex,
            Kind = kind,
            CoarseCategory = product.CoarseCategory,
            TopCategory = product.TopCategory,
            UnitWeightGrams = product.UnitWeightGrams,
            Vector = vector,
        };
    }

    /// <summary>The collection definition for <paramref name="dimensions"/>-dimensional embeddings, compared by cosine.</summary>
    public static VectorStoreCollectionDefinition CreateDefinition(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Key), typeof(string)),
                new VectorStoreDataProperty(nameof(ProductId), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(ClassIndex), typeof(int)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(Kind), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(CoarseCategory), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(TopCategory), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(UnitWeightGrams), typeof(double)) { IsIndexed = true },
                new VectorStoreVectorProperty(nameof(Vector), typeof(float[]), dimensions)
                {
                    DistanceFunction = DistanceFunction.CosineSimilarity,
                    IndexKind = IndexKind.Flat,
                },
            ],
        };
    }
}
