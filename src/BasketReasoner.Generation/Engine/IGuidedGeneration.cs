namespace BasketReasoner.Generation.Engine;

/// <summary>
/// A runtime's own constrained token loop for JSON-schema output (ONNX Runtime GenAI's guidance), used instead of
/// the engine's <see cref="DecodingLoop"/> and JSON automaton when <see cref="GenerationOptions.UseRuntimeGrammar"/> is set.
/// </summary>
internal interface IGuidedGeneration
{
    /// <summary>Streams the answer to <paramref name="prompt"/> constrained to <see cref="GenerationOptions.JsonSchema"/>.</summary>
    IEnumerable<GenerationUpdate> Run(int[] prompt, GenerationOptions options, CancellationToken cancellationToken);
}
