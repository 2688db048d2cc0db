namespace BasketReasoner.Generation.Engine;

/// <summary>
/// A causal language model seen as a growing context: feed tokens, read the next-token logits. The ONNX decoder
/// with its KV cache is one; tests use synthetic ones, so sampling and constraints run without a model.
/// Implementations are not thread-safe; disposing one frees its runtime's native state.
/// </summary>
internal interface ILogitsSource : IDisposable
{
    int VocabSize { get; }

    /// <summary>Tokens in the context.</summary>
    int Length { get; }

    /// <summary>Most tokens the context can hold.</summary>
    int MaxLength { get; }

    /// <summary>
    /// Appends <paramref name="tokens"/> (at least one) and returns the logits after the last of them. The span is
    /// valid until the next call. <paramref name="imageFeatures"/>, when not empty, replaces the embeddings of the
    /// image placeholder tokens in order (image_seq_len × hidden floats per image).
    /// </summary>
    ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures = default);

    /// <summary>Drops the context back to its first <paramref name="length"/> tokens (the cache for them stays valid).</summary>
    void Truncate(int length);
}
