namespace BasketReasoner.Core.Vision;

/// <summary>What several callers ask of a recognizer beyond one frame.</summary>
public static class ProductRecognizerExtensions
{
    /// <summary>
    /// The recognizer's class probabilities averaged over <paramref name="frames"/> (encoded images), indexed by
    /// class: what a candidate choice from the pixels alone starts from. Allocates its result and scratch buffers.
    /// </summary>
    /// <exception cref="InvalidImageException">A frame does not decode.</exception>
    public static float[] AverageProbabilities(this IProductRecognizer recognizer, IReadOnlyList<ReadOnlyMemory<byte>> frames)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(frames);
        var sum = new float[recognizer.ClassCount];
        var probs = new float[recognizer.ClassCount];
        var embedding = new float[recognizer.EmbeddingDimension];
        foreach (var f in frames)
        {
            recognizer.Recognize(f.Span, probs, embedding);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += probs[i] / frames.Count;
            }
        }

        return sum;
    }
}
