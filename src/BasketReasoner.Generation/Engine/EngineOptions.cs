namespace BasketReasoner.Generation;

/// <summary>How a model folder is run.</summary>
public sealed class EngineOptions
{
    /// <summary>Which runtime runs the decoder. Default <see cref="GenerationRuntime.Ort"/> (the own engine).</summary>
    public GenerationRuntime Runtime { get; init; } = GenerationRuntime.Ort;

    /// <summary>ONNX Runtime intra-op threads per session. Default 1 (the cart shares its cores).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Load <c>decoder_model_merged_int8.onnx</c> instead of the fp32 decoder. Default false.</summary>
    public bool UseInt8Decoder { get; init; }

    /// <summary>
    /// Longest context (prompt + output) the KV cache is allocated for; capped by the config's
    /// max_position_embeddings. Default 0 = max_position_embeddings.
    /// </summary>
    public int MaxSequenceLength { get; init; }

    /// <summary>
    /// JSON-schema output through the runtime's own constrained loop where it has one (<see cref="GenerationRuntime.GenAI"/>:
    /// GenAI's guidance and token loop) instead of the engine's JSON automaton over the runtime's logits. Default
    /// false; runtimes without one ignore it.
    /// </summary>
    public bool UseNativeGuidance { get; init; }
}
