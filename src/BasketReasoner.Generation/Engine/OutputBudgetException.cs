namespace BasketReasoner.Generation.Engine;

/// <summary>
/// <see cref="GenerationOptions.MaxNewTokens"/> is too small for the shortest output the JSON schema allows. An
/// <see cref="ArgumentException"/> so every caller that refuses bad input already refuses it; it carries both numbers so
/// an API can say it in its own field names (the OpenAI-compatible API's <c>max_tokens</c>), not the engine's.
/// </summary>
public sealed class OutputBudgetException(int neededTokens, int maxNewTokens, string message) : ArgumentException(message)
{
    /// <summary>The fewest new tokens the schema's output needs.</summary>
    public int NeededTokens { get; } = neededTokens;

    /// <summary>The budget the call was given.</summary>
    public int MaxNewTokens { get; } = maxNewTokens;
}
