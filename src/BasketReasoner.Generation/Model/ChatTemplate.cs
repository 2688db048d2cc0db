using System.Text;
using System.Text.Json.Serialization;

namespace BasketReasoner.Generation.Model;

/// <summary>
/// Role strings with a <c>{content}</c> slot, as written in the model config. A message renders as its role string
/// with the content in place of <c>{content}</c>; images render as <see cref="Image"/> before the message text.
/// </summary>
public sealed class ChatTemplate
{
    [JsonPropertyName("system")] public string System { get; init; } = "<|system|>\n{content}<|end|>\n";
    [JsonPropertyName("user")] public string User { get; init; } = "<|user|>\n{content}<|end|>\n";
    [JsonPropertyName("assistant")] public string Assistant { get; init; } = "<|assistant|>\n{content}<|end|>\n";
    [JsonPropertyName("generation_prompt")] public string GenerationPrompt { get; init; } = "<|assistant|>\n";
    [JsonPropertyName("image")] public string Image { get; init; } = "<image>";

    /// <summary>Renders the conversation and, when <paramref name="addGenerationPrompt"/>, the assistant's opening.</summary>
    public string Render(IEnumerable<PromptMessage> messages, bool addGenerationPrompt = true)
    {
        var sb = new StringBuilder();
        foreach (var m in messages)
        {
            var role = m.Role switch
            {
                PromptRole.System => System,
                PromptRole.User => User,
                PromptRole.Assistant => Assistant,
                _ => throw new ArgumentOutOfRangeException(nameof(messages), m.Role, "Unknown role."),
            };
            var content = new StringBuilder();
            for (int i = 0; i < m.Images.Count; i++) content.Append(Image);
            content.Append(m.Text);
            sb.Append(role.Replace("{content}", content.ToString(), StringComparison.Ordinal));
        }

        if (addGenerationPrompt) sb.Append(GenerationPrompt);
        return sb.ToString();
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
