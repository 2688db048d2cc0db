namespace BasketReasoner.Composition.Options;

/// <summary>
/// What a cart id (configured) or an event id (chosen by the cart) may be. Each is a path segment of the cart API
/// (<c>/v1/carts/{cartId}/events/{eventId}</c>): an id with '/', '%', '?', '#', a space or a leading dot is accepted
/// by a JSON body but cannot be addressed, or is read as another path, so it is refused where it is created.
/// </summary>
public static class ResourceIds
{
    /// <summary>The longest id: 128 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for error messages and documentation.</summary>
    public const string Rule = "1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or a digit";

    /// <summary>The rule as a regular expression (the OpenAPI document's <c>pattern</c>).</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    /// <summary>Whether <paramref name="id"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? id)
    {
        if (id is not { Length: > 0 and <= MaxLength } || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
