using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// Qdrant point ids are unsigned integers or UUIDs. Unsigned integer and Guid keys are used as they are; string keys
/// become name-based (version 5, SHA-1) UUIDs in a fixed namespace, so the same key always addresses the same point,
/// and the original string is kept in the payload.
/// </summary>
public static class QdrantPointIds
{
    /// <summary>The namespace of string-key UUIDs (a random v4 UUID fixed for this project).</summary>
    public static readonly Guid StringKeyNamespace = new("5b0f3c2e-8f4a-4c57-9a61-1d2e7b9c4a10");

    /// <summary>The point id for <paramref name="key"/>: a number for integer keys, a UUID string otherwise.</summary>
    public static JsonNode ToPointId(object key) => key switch
    {
        ulong u => JsonValue.Create(u),
        uint u => JsonValue.Create(u),
        int i when i >= 0 => JsonValue.Create(i),
        long l when l >= 0 => JsonValue.Create(l),
        Guid g => JsonValue.Create(g.ToString("D")),
        string s => JsonValue.Create(FromString(s).ToString("D")),
        _ => throw new ArgumentException($"Key '{key}' cannot be a Qdrant point id: use a non-negative integer, a Guid or a string.", nameof(key)),
    };

    /// <summary>RFC 4122 §4.3 name-based UUID (SHA-1, version 5) of <paramref name="key"/> in <see cref="StringKeyNamespace"/>.</summary>
    public static Guid FromString(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = Encoding.UTF8.GetBytes(key);
        var input = new byte[16 + name.Length];
        StringKeyNamespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
