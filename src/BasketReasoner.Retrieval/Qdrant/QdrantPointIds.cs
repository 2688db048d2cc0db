using System.Security.Cryptography;
using System.Text;
using Qdrant.Client.Grpc;

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

    /// <summary>The point id for <paramref name="key"/>: a number for unsigned integer keys, a UUID otherwise.</summary>
    public static PointId ToPointId(object key) => key switch
    {
        ulong u => new PointId { Num = u },
        Guid g => new PointId { Uuid = g.ToString("D") },
        string s => new PointId { Uuid = FromString(s).ToString("D") },
        _ => throw new ArgumentException($"Key '{key}' cannot be a Qdrant point id: use a ulong, a Guid or a string.", nameof(key)),
    };

    /// <summary>
    /// The point id of <paramref name="key"/> for one tenant of a shared collection: the name-based UUID of
    /// <c>tenant U+001F key</c>, so two stores' equal keys never address the same point.
    /// </summary>
    public static PointId ForTenant(string tenant, object key)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        return new PointId { Uuid = FromString(tenant + "\u001f" + KeyText(key)).ToString("D") };
    }

    /// <summary>The key as text: the string itself, a Guid in <c>D</c> form, an integer in invariant digits.</summary>
    public static string KeyText(object key) => key switch
    {
        string s => s,
        Guid g => g.ToString("D"),
        ulong u => u.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Key '{key}' cannot be a Qdrant point id: use a ulong, a Guid or a string.", nameof(key)),
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
