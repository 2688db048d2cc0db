namespace BasketReasoner.Core.Vision;

/// <summary>
/// Turns one camera image into class probabilities and an L2-normalised embedding: from pixels (a decoded frame or a
/// crop of one) or from encoded bytes, which are decoded once and take the pixel path.
/// Implementations reuse their buffers: a call allocates nothing on the managed heap in steady state.
/// </summary>
public interface IProductRecognizer : IDisposable
{
    int ClassCount { get; }

    int EmbeddingDimension { get; }

    /// <summary>Decodes, preprocesses and runs the model. Throws <see cref="InvalidImageException"/> for bytes that are no image.</summary>
    /// <param name="encodedImage">JPEG or PNG bytes.</param>
    /// <param name="probabilities">Receives <see cref="ClassCount"/> probabilities.</param>
    /// <param name="embedding">Receives <see cref="EmbeddingDimension"/> values with unit L2 norm.</param>
    void Recognize(ReadOnlySpan<byte> encodedImage, Span<float> probabilities, Span<float> embedding);

    /// <summary>Resizes, normalises and runs the model on decoded pixels: a whole frame, or a crop as a view (no copy).</summary>
    /// <param name="image">The pixels; read during the call only.</param>
    /// <param name="probabilities">Receives <see cref="ClassCount"/> probabilities.</param>
    /// <param name="embedding">Receives <see cref="EmbeddingDimension"/> values with unit L2 norm.</param>
    void Recognize(FrameView image, Span<float> probabilities, Span<float> embedding);
}
