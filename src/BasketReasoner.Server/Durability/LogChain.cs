using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// The hash chain over the log: each record's hash covers the previous record's hash and every field of the record
/// (length-prefixed, so no two different records encode alike). Changing, dropping or reordering any acknowledged
/// record changes every hash after it, so one comparison against the high-water mark proves the whole prefix intact.
/// </summary>
internal static class LogChain
{
    public const int HashBytes = 32;

    /// <summary>The hash before the first record.</summary>
    public static byte[] Genesis => new byte[HashBytes];

    public static byte[] Next(ReadOnlySpan<byte> previous, long seq, string cartId, string kind, string refId, string eventType,
        string? appliedProductId, string body, string recordedAt, string? requestHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, seq);
        hash.AppendData(number);
        foreach (var field in (ReadOnlySpan<string?>)[cartId, kind, refId, eventType, appliedProductId, body, recordedAt, requestHash])
        {
            var bytes = field is null ? [] : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt64LittleEndian(number, field is null ? -1 : bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }

        return hash.GetHashAndReset();
    }
}
