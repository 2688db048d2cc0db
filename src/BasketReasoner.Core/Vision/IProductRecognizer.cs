namespace BasketReasoner.Core.Vision;

/// <summary>
/// Turns one encoded camera frame into class probabilities and an L2-normalised embedding.
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
}
