using System.Buffers.Binary;
using System.Security.Cryptography;

namespace BasketReasoner.Server.Durability;

/// <summary>
/// The last acknowledged log position, kept in its own small file beside the SQLite log (<c>LOG.hwm</c>) so that a
/// damaged or truncated database or WAL cannot also erase the evidence of what it held. Written after every commit and
/// before any caller is answered, so the mark never trails an acknowledgement. Two fixed slots written alternately with
/// <see cref="FileOptions.WriteThrough"/> (a torn write spoils one slot, never both), each with its own checksum; the
/// file is preallocated, so a full disk cannot stop it being updated. Not thread-safe: the log's writer owns it.
/// </summary>
internal sealed class HighWaterMark : IDisposable
{
    private const int SlotBytes = 64;
    private static ReadOnlySpan<byte> Magic => "BRHW"u8;

    private readonly FileStream _file;
    private readonly byte[] _slot = new byte[SlotBytes];
    private long _generation;

    private HighWaterMark(FileStream file, long generation)
    {
        _file = file;
        _generation = generation;
    }

    /// <summary>The mark file of the log at <paramref name="logPath"/>.</summary>
    public static string PathFor(string logPath) => logPath + ".hwm";

    /// <summary>Reads the mark without opening it for writing; <c>null</c> when there is no file.</summary>
    /// <exception cref="InvalidDataException">The file exists but neither slot is intact.</exception>
    public static Mark? Read(string logPath)
    {
        var path = PathFor(logPath);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        Mark? best = null;
        for (var offset = 0; offset + SlotBytes <= bytes.Length; offset += SlotBytes)
        {
            if (Decode(bytes.AsSpan(offset, SlotBytes)) is { } m && (best is null || m.Generation > best.Generation))
            {
                best = m;
            }
        }

        return best ?? throw new InvalidDataException($"The high-water mark '{path}' is damaged (no intact slot).");
    }

    /// <summary>Opens (creating and preallocating if needed) the mark file for writing.</summary>
    public static HighWaterMark Open(string logPath, Mark? current)
    {
        var file = new FileStream(PathFor(logPath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.WriteThrough);
        if (file.Length < 2 * SlotBytes)
        {
            file.SetLength(2 * SlotBytes);
            file.Flush(flushToDisk: true);
        }

        return new HighWaterMark(file, current?.Generation ?? 0);
    }

    /// <summary>Records <paramref name="seq"/> and its chain hash as acknowledged; returns once it is on disk.</summary>
    public void Write(long seq, ReadOnlySpan<byte> chain)
    {
        var generation = _generation + 1;
        var s = _slot.AsSpan();
        s.Clear();
        Magic.CopyTo(s);
        BinaryPrimitives.WriteInt64LittleEndian(s[4..], generation);
        BinaryPrimitives.WriteInt64LittleEndian(s[12..], seq);
        chain.CopyTo(s.Slice(20, LogChain.HashBytes));
        SHA256.HashData(s[..52]).AsSpan(0, 8).CopyTo(s[52..]);
        _file.Position = (generation % 2) * SlotBytes;
        _file.Write(_slot);
        _file.Flush(flushToDisk: true);
        _generation = generation;
    }

    public void Dispose() => _file.Dispose();

    private static Mark? Decode(ReadOnlySpan<byte> s)
    {
        if (!s[..4].SequenceEqual(Magic))
        {
            return null;
        }

        Span<byte> check = stackalloc byte[LogChain.HashBytes];
        SHA256.HashData(s[..52], check);
        if (!check[..8].SequenceEqual(s.Slice(52, 8)))
        {
            return null;
        }

        return new Mark(BinaryPrimitives.ReadInt64LittleEndian(s[4..]), BinaryPrimitives.ReadInt64LittleEndian(s[12..]), s.Slice(20, LogChain.HashBytes).ToArray());
    }

    /// <summary>One intact slot: the write generation, the last acknowledged sequence number and its chain hash.</summary>
    public sealed record Mark(long Generation, long Seq, byte[] Chain);
}
