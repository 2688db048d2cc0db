using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BasketReasoner.Composition.Options;
using BasketReasoner.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace BasketReasoner.Server.Security;

/// <summary>What a request's bearer key may do with a cart.</summary>
internal enum CartAccess
{
    Allowed,

    /// <summary>No key, or a key no cart has: 401.</summary>
    Unauthenticated,

    /// <summary>A valid key of another cart: 403.</summary>
    Forbidden,

    /// <summary>The cart is not configured: 404.</summary>
    UnknownCart,
}

/// <summary>
/// Per-cart API keys. Keys are compared as SHA-256 digests with a fixed-time comparison, so neither a lookup nor a
/// mismatch leaks a key's prefix through timing. A cart's key opens only that cart.
/// </summary>
internal sealed class CartKeys
{
    private readonly Dictionary<string, byte[]> _digestByCart = new(StringComparer.Ordinal);
    private readonly List<byte[]> _chatDigests;

    public CartKeys(CartServerOptions options)
    {
        var carts = new Dictionary<string, string>(options.Carts, StringComparer.Ordinal);
        if (options.CartKeysFile is { } file)
        {
            foreach (var (cart, key) in ReadKeysFile(file))
            {
                carts[cart] = key;
            }
        }

        foreach (var (cart, key) in carts)
        {
            if (string.IsNullOrWhiteSpace(cart) || key is null || key.Length < 16)
            {
                throw new InvalidDataException($"Cart '{cart}' needs an API key of at least 16 characters.");
            }

            if (!ResourceIds.IsValid(cart))
            {
                throw new InvalidDataException($"Cart id '{cart}' must be {ResourceIds.Rule}: it is a path segment of the cart's routes.");
            }

            _digestByCart[cart] = Digest(key);
        }

        // One key for two carts would open both with it: the key is what keeps one cart out of another's basket.
        if (carts.GroupBy(c => c.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new InvalidConfigurationException(options.CartKeysFile is null ? "Server:Carts" : "Server:CartKeysFile",
                $"gives carts {string.Join(" and ", shared.Select(c => $"'{c.Key}'").Order(StringComparer.Ordinal))} the same API key: each cart needs its own");
        }

        _chatDigests = options.ChatApiKeys.Select(Digest).ToList();
    }

    public IEnumerable<string> CartIds => _digestByCart.Keys;

    private const string KeysFileShape = "a JSON object of cart id to key, each cart once, e.g. {\"cart-1\": \"a-key-of-16-or-more-characters\"}";

    /// <summary>
    /// The keys file's carts, read field by field so each refusal says what shape is expected, in the file's terms
    /// (the serializer's own message named .NET types: <c>System.Collections.Generic.Dictionary`2[...]</c>).
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Not that shape; the message names Server:CartKeysFile and the file.</exception>
    private static List<KeyValuePair<string, string>> ReadKeysFile(string file)
    {
        static InvalidConfigurationException Bad(string problem) => new("Server:CartKeysFile", problem);
        JsonDocument doc;
        try
        {
            // A cart listed twice would silently keep the last key: refused, like any ambiguous config.
            doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var twice = e.Message.Contains("Duplicate property", StringComparison.Ordinal) && e.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : null;
            throw Bad(twice is not null
                ? $"'{file}' names cart '{twice}' twice: it must be {KeysFileShape}"
                : $"'{file}' is not valid JSON{(e.LineNumber is { } line ? $" (line {line + 1})" : "")}: it must be {KeysFileShape}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"'{file}' holds {Kind(root.ValueKind)}: it must be {KeysFileShape}");
            }

            var keys = new List<KeyValuePair<string, string>>();
            foreach (var cart in root.EnumerateObject())
            {
                if (cart.Value.ValueKind != JsonValueKind.String)
                {
                    throw Bad($"'{file}' gives cart '{cart.Name}' {Kind(cart.Value.ValueKind)} for its key: each key is a string of at least 16 characters");
                }

                keys.Add(new(cart.Name, cart.Value.GetString()!));
            }

            return keys;
        }
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => kind.ToString().ToLowerInvariant(),
        _ => "null",
    };

    public bool ChatIsOpen => _chatDigests.Count == 0;

    public CartAccess Check(HttpRequest request, string cartId)
    {
        if (BearerDigest(request) is not { } digest)
        {
            return CartAccess.Unauthenticated;
        }

        var known = false;
        foreach (var d in _digestByCart.Values)
        {
            known |= CryptographicOperations.FixedTimeEquals(d, digest);
        }

        if (!known)
        {
            return CartAccess.Unauthenticated;
        }

        if (!_digestByCart.TryGetValue(cartId, out var expected))
        {
            return CartAccess.UnknownCart;
        }

        return CryptographicOperations.FixedTimeEquals(expected, digest) ? CartAccess.Allowed : CartAccess.Forbidden;
    }

    /// <summary>
    /// Whether the request may use the OpenAI-compatible API: with <c>Server:ChatApiKeys</c> set, a listed key; without
    /// any, only a connection that arrived on a loopback address (an edge image bound to 0.0.0.0 is not left open to
    /// its network by an empty list).
    /// </summary>
    public bool CheckChat(HttpRequest request)
    {
        if (ChatIsOpen)
        {
            return request.HttpContext.Connection.LocalIpAddress is { } local && System.Net.IPAddress.IsLoopback(local);
        }

        if (BearerDigest(request) is not { } digest)
        {
            return false;
        }

        var ok = false;
        foreach (var d in _chatDigests)
        {
            ok |= CryptographicOperations.FixedTimeEquals(d, digest);
        }

        return ok;
    }

    private static byte[]? BearerDigest(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? Digest(header[scheme.Length..].Trim())
            : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
