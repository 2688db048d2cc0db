namespace BasketReasoner.Generation.Tokenization;

/// <summary>
/// A piece of a rendered prompt and who wrote it: the model's chat template (<see cref="IsTemplate"/>: its control-token
/// strings become control ids) or a message's content (always plain text, whoever sent it).
/// </summary>
public readonly record struct TextSegment(string Text, bool IsTemplate)
{
    /// <summary>Text of the model's own chat template.</summary>
    public static TextSegment Template(string text) => new(text, true);

    /// <summary>Message content: a user's, a request's, a prompt file's; never parsed for control tokens.</summary>
    public static TextSegment Content(string text) => new(text, false);
}
