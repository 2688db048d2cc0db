using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Engine;

/// <summary>What to generate and when to stop.</summary>
public sealed class GenerationOptions
{
    /// <summary>Most tokens to generate (the end token counts). Default 128.</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>Token selection. Default greedy.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Stop as soon as the output contains one of these; the stop string itself is not returned. Default none.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>
    /// A JSON schema (supported subset, see <see cref="Constraints"/>) the output must validate against; the
    /// decoder masks every token that would leave it. Default <c>null</c> (free text).
    /// </summary>
    public string? JsonSchema { get; init; }

    /// <summary>
    /// With a <see cref="JsonSchema"/>: let the runtime's own sampler enforce it (llama.cpp: the schema compiled to a
    /// GBNF grammar) instead of the shared automaton. The grammar does not know <see cref="MaxNewTokens"/>, so output
    /// cut by the budget (finish <see cref="FinishReason.MaxTokens"/>) can be incomplete; the automaton's cannot.
    /// Runtimes without a grammar sampler throw <see cref="NotSupportedException"/>. Default false.
    /// </summary>
    public bool UseRuntimeGrammar { get; init; }
}

/// <summary>Why generation ended.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end token.</summary>
    EndToken,

    /// <summary>A stop sequence appeared.</summary>
    StopSequence,

    /// <summary><see cref="GenerationOptions.MaxNewTokens"/> reached.</summary>
    MaxTokens,

    /// <summary>The context reached the model's maximum length.</summary>
    ContextFull,
}

/// <summary>One streamed piece of output; the last one carries <see cref="Finish"/> and the usage.</summary>
/// <param name="Text">New text (may be empty: a token that is half a character, or text held back as a possible stop prefix).</param>
/// <param name="TokenId">The generated token, or -1 on the final update.</param>
/// <param name="Finish">Set on the final update only.</param>
/// <param name="PromptTokens">Prompt length in tokens (image tokens included).</param>
/// <param name="GeneratedTokens">Tokens generated so far.</param>
public sealed record GenerationUpdate(string Text, int TokenId, FinishReason? Finish, int PromptTokens, int GeneratedTokens);
