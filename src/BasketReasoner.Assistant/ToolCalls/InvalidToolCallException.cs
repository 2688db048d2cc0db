namespace BasketReasoner.Assistant.ToolCalls;

/// <summary>A model's tool call that does not validate against the question's schema; the message says why.</summary>
public sealed class InvalidToolCallException(string reason) : Exception(reason);
