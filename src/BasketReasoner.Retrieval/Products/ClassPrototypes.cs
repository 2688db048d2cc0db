namespace BasketReasoner.Retrieval.Products;

/// <summary>The unit-norm prototypes of one class.</summary>
/// <param name="ClassIndex">The recognizer class the images were labelled with.</param>
/// <param name="Mean">The normalised mean of the class's (normalised) image embeddings.</param>
/// <param name="Centroids">Up to k normalised k-means centroids, in a deterministic order.</param>
public sealed record ClassPrototypes(int ClassIndex, float[] Mean, IReadOnlyList<float[]> Centroids)
{
    /// <summary>The mean first, then the centroids: the vectors to store as <see cref="ProductVectorKind.Prototype"/>s.</summary>
    public IEnumerable<float[]> All => [Mean, .. Centroids];
}
