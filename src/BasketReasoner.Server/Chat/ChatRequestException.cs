namespace BasketReasoner.Server.Chat;

/// <summary>A chat request refused before any model ran, answered as an OpenAI error naming the offending parameter.</summary>
internal sealed class ChatRequestException(int status, string message, string? param = null, string? code = null) : Exception(message)
{
    public int Status { get; } = status;

    public string? Param { get; } = param;

    public string? Code { get; } = code;
}
