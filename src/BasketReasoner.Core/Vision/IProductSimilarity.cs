namespace BasketReasoner.Core.Vision;

/// <summary>
/// Scores every catalog product against a frame embedding: the best cosine similarity over that product's
/// stored prototypes (iconic image and train-image prototypes).
/// </summary>
public interface IProductSimilarity
{
    /// <param name="embedding">Unit-norm query embedding.</param>
    /// <param name="perProduct">Receives one similarity per catalog class index, in [-1, 1]; -1 for a product with no prototype.</param>
    void ScoreProducts(ReadOnlySpan<float> embedding, Span<float> perProduct);
}
