using System.Text.Json.Serialization;
using BasketReasoner.Generation.Tokenization;

namespace BasketReasoner.Generation.Model;

/// <summary>
/// Role strings with a <c>{content}</c> slot, as written in the model config. A message renders as its role string
/// with the content in place of <c>{content}</c>; images render as <see cref="Image"/> before the message text. Only
/// these strings insert control tokens: a message's text is plain text (<see cref="Segments"/>).
/// </summary>
public sealed class ChatTemplate
{
    [JsonPropertyName("system")] public string System { get; init; } = "<|system|>\n{content}<|end|>\n";
    [JsonPropertyName("user")] public string User { get; init; } = "<|user|>\n{content}<|end|>\n";
    [JsonPropertyName("assistant")] public string Assistant { get; init; } = "<|assistant|>\n{content}<|end|>\n";
    [JsonPropertyName("generation_prompt")] public string GenerationPrompt { get; init; } = "<|assistant|>\n";
    [JsonPropertyName("image")] public string Image { get; init; } = "<image>";

    private const string ContentSlot = "{content}";

    /// <summary>Renders the conversation and, when <paramref name="addGenerationPrompt"/>, the assistant's opening (for reading; the engine tokenises <see cref="Segments"/>).</summary>
    public string Render(IEnumerable<PromptMessage> messages, bool addGenerationPrompt = true) =>
        string.Concat(Segments(messages, addGenerationPrompt).Select(s => s.Text));

    /// <summary>
    /// The rendered conversation as segments: the role strings, image placeholders and generation prompt are template
    /// (their control tokens count), each message's text is content (plain text, whatever it holds).
    /// </summary>
    public IReadOnlyList<TextSegment> Segments(IEnumerable<PromptMessage> messages, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var segments = new List<TextSegment>();
        foreach (var m in messages)
        {
            var role = m.Role switch
            {
                PromptRole.System => System,
                PromptRole.User => User,
                PromptRole.Assistant => Assistant,
                _ => throw new ArgumentOutOfRangeException(nameof(messages), m.Role, "Unknown role."),
            };

            // Every {content} slot gets the images then the text, as a string replace of the slot would.
            var parts = role.Split(ContentSlot);
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    for (var i = 0; i < m.Images.Count; i++) segments.Add(TextSegment.Template(Image));
                    segments.Add(TextSegment.Content(m.Text));
                }

                segments.Add(TextSegment.Template(parts[p]));
            }
        }

        if (addGenerationPrompt) segments.Add(TextSegment.Template(GenerationPrompt));
        return segments;
    }
}

/// <summary>Who speaks.</summary>
public enum PromptRole
{
    System,
    User,
    Assistant,
}

/// <summary>One message: text plus encoded images (JPEG/PNG), which come before the text.</summary>
public sealed record PromptMessage(PromptRole Role, string Text, IReadOnlyList<ReadOnlyMemory<byte>> Images)
{
    public PromptMessage(PromptRole role, string text) : this(role, text, []) { }
}
