namespace BasketReasoner.Assistant.ToolCalls;

/// <summary>How a valid tool call and the rules reader's reading of the same question combine.</summary>
public enum ToolCallPolicy
{
    /// <summary>
    /// The call picks the tool and the products; the rules reader is the fallback when the call fails validation.
    /// A refusal the change guard found still stands (the model can add a refusal, never remove one).
    /// </summary>
    ModelFirst,

    /// <summary>
    /// The keyword lexicon's reading stands where it recognises the question, and the model is not asked; where it does
    /// not, a valid call decides (in place of the sentence encoder's nearest exemplars, which read the question when the
    /// call fails validation). A refusal the call reads there stands too.
    /// </summary>
    LexiconFirst,
}
