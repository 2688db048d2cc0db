namespace BasketReasoner.Generation;

/// <summary>How a model folder is run.</summary>
public sealed class EngineOptions
{
    /// <summary>Which runtime runs the decoder. Default <see cref="GenerationRuntime.Ort"/> (the own engine).</summary>
    public GenerationRuntime Runtime { get; init; } = GenerationRuntime.Ort;

    /// <summary>ONNX Runtime intra-op threads per session, and llama.cpp's threads. Default 1 (the cart shares its cores).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Load <c>decoder_model_merged_int8.onnx</c> instead of the fp32 decoder. Default false.</summary>
    public bool UseInt8Decoder { get; init; }

    /// <summary>
    /// Which GGUF the <see cref="GenerationRuntime.Llama"/> runtime loads: <c>basket-vlm-{type}.gguf</c> in the model
    /// folder. Default <see cref="GgufQuantization.Q8_0"/>.
    /// </summary>
    public GgufQuantization GgufQuantization { get; init; } = GgufQuantization.Q8_0;

    /// <summary>
    /// A GGUF file for the <see cref="GenerationRuntime.Llama"/> runtime instead of the folder's
    /// <see cref="GgufQuantization"/> file (relative paths are relative to the model folder). Default null.
    /// </summary>
    public string? GgufPath { get; init; }

    /// <summary>
    /// Longest context (prompt + output) the KV cache is allocated for; capped by the config's
    /// max_position_embeddings. Default 0 = max_position_embeddings.
    /// </summary>
    public int MaxSequenceLength { get; init; }
}
