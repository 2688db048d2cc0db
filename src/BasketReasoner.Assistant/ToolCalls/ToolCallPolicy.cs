namespace BasketReasoner.Assistant.ToolCalls;

/// <summary>How a valid tool call and the rules reader's reading of the same question combine.</summary>
public enum ToolCallPolicy
{
    /// <summary>
    /// The call picks the tool and the products; the rules reader is the fallback when the call fails validation.
    /// A refusal the change guard found still stands (the model can add a refusal, never remove one).
    /// </summary>
    ModelFirst,

    /// <summary>The rules reader's intent stands where it found one; the call fills in where it found none.</summary>
    RulesFirst,
}
