namespace BasketReasoner.Generation;

/// <summary>
/// Which of the exporter's GGUF files (<c>basket-vlm-{type}.gguf</c>, written by
/// <c>models/training/vlm/export_gguf.py</c>) the llama.cpp runtime loads. Norm weights are F32 in every file.
/// </summary>
public enum GgufQuantization
{
    /// <summary>Float32 weights: the reference (parity with PyTorch within 1e-3).</summary>
    F32,

    /// <summary>Float16 weights.</summary>
    F16,

    /// <summary>8-bit blocks of 32 with an f16 scale (ggml Q8_0).</summary>
    Q8_0,

    /// <summary>4-bit blocks of 32 with an f16 scale (ggml Q4_0).</summary>
    Q4_0,
}
