namespace BasketReasoner.Core.Serialization;

/// <summary>What a System.Text.Json failure message names, for errors that speak the client's terms.</summary>
public static class JsonMessages
{
    /// <summary>
    /// The first name the message quotes ("Duplicate property 'a' ..." → <c>a</c>), or <c>null</c>. A
    /// <see cref="System.Text.Json.JsonDocument"/> failure carries no path, so the quoted name is all there is.
    /// </summary>
    public static string? Quoted(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }
}
