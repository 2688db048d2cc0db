namespace BasketReasoner.Generation;

/// <summary>
/// Which inference runtime runs a model folder's decoder. Tokenisation, the chat template, image encoding, sampling,
/// exact candidate scoring and JSON-schema constraints are the engine's own and shared by every runtime, so the same
/// weights give the same answers whichever runs them (up to each runtime's arithmetic).
/// </summary>
public enum GenerationRuntime
{
    /// <summary>The project's own engine over ONNX Runtime (<c>decoder_model_merged.onnx</c>); the reference.</summary>
    Ort,

    /// <summary>llama.cpp through LLamaSharp, from a GGUF file written by the project's exporter.</summary>
    Llama,

    /// <summary>
    /// ONNX Runtime GenAI from the folder <c>export_genai.py</c> writes (its multimodal path only knows fixed model
    /// types, so image features go in through an extra model input).
    /// </summary>
    GenAI,
}
