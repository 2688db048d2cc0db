namespace BasketReasoner.Server.Chat;

/// <summary>What one chat completion may ask for; larger requests are refused with a 400 before any model runs.</summary>
internal static class ChatLimits
{
    /// <summary>Most tokens one completion may generate (<c>max_tokens</c> / <c>max_completion_tokens</c>): 4096.</summary>
    public const int MaxOutputTokens = 4096;

    /// <summary>Most characters of text over all messages: 32000 (the on-device model's context holds far fewer tokens).</summary>
    public const int MaxPromptChars = 32_000;

    /// <summary>Most messages in one request: 64.</summary>
    public const int MaxMessages = 64;

    /// <summary>Deepest nesting of objects and arrays in a request body: 64 (a chat request needs 6; System.Text.Json's default).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Most images in one request: 4.</summary>
    public const int MaxImages = 4;

    /// <summary>The image placeholder of the chat template; user text may not contain it (it would splice an image that is not there).</summary>
    public const string ImagePlaceholder = "<image>";
}
