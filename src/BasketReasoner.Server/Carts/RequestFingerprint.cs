using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BasketReasoner.Server.Carts;

/// <summary>
/// A hash of what an event request asked for (type, weight, every frame's bytes and camera): a retry with the same
/// id must carry the same fingerprint, otherwise it is a different event reusing an id (409), never silently dropped.
/// </summary>
internal static class RequestFingerprint
{
    public static string Of(IncomingEvent e)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData(e.Type == Core.Events.CartEventType.Add ? "add"u8 : "remove"u8);
        BinaryPrimitives.WriteInt64LittleEndian(number, e.WeightDeltaGrams is { } w ? BitConverter.DoubleToInt64Bits(w) : long.MinValue);
        hash.AppendData(number);
        if (e.Pairs is { } pairs)
        {
            foreach (var p in pairs)
            {
                Append(hash, Encoding.UTF8.GetBytes(p.Camera), number);
                Append(hash, p.Before.Span, number);
                Append(hash, p.After.Span, number);
            }
        }
        else
        {
            foreach (var f in e.Frames)
            {
                Append(hash, f.Span, number);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A frame's fingerprint (<c>POST /frames</c>): its type, images and <c>t_ms</c>, marked as a frame, without the
    /// weight the scale gives it later. The event it becomes records this one, so a retry of the frame matches and an
    /// <c>/events</c> body with the same id never does.
    /// </summary>
    public static string OfFrame(IncomingEvent frame, double tMs) =>
        "frame:" + Of(frame with { WeightDeltaGrams = null, Fingerprint = null }) + ":" + tMs.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A confirmation's fingerprint: the answer it gave.</summary>
    public static string OfAnswer(string? productId) => productId is null ? "none" : "product:" + productId;

    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> bytes, Span<byte> number)
    {
        BinaryPrimitives.WriteInt64LittleEndian(number, bytes.Length);
        hash.AppendData(number);
        hash.AppendData(bytes);
    }
}
