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

/// <summary>The policies' names in configuration, on the command line and in eval suites.</summary>
public static class ToolCallPolicyNames
{
    public const string ModelFirst = "model_first";
    public const string LexiconFirst = "lexicon_first";

    /// <summary>Every name, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> All { get; } = [ModelFirst, LexiconFirst];

    /// <summary>The policy a name stands for.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="All"/>.</exception>
    public static ToolCallPolicy Parse(string name) => name switch
    {
        ModelFirst => ToolCallPolicy.ModelFirst,
        LexiconFirst => ToolCallPolicy.LexiconFirst,
        _ => throw new ArgumentException($"'{name}' is not one of {string.Join(", ", All)}", nameof(name)),
    };
}
