namespace BasketReasoner.Generation.Engine;

/// <summary>
/// The request does not fit the model's context: the prompt alone, or the prompt plus the shortest output its JSON
/// schema allows. An <see cref="ArgumentException"/> so every caller that refuses bad input already refuses it; the
/// OpenAI-compatible API answers it as <c>context_length_exceeded</c>. No parameter name, so the message carries no
/// "(Parameter ...)" tail.
/// </summary>
public sealed class ContextLengthExceededException(string message) : ArgumentException(message);
