using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// The on-disk form of one collection: a whole-collection snapshot, replaced atomically.
/// Layout (little-endian): magic <c>BRVECT01</c>, int32 dimensions, int32 row count, int32 column count,
/// per column a length-prefixed UTF-8 storage name; per row a length-prefixed UTF-8 JSON payload object keyed by
/// storage name followed by <c>dimensions</c> raw float32; then the SHA-256 of everything before it.
/// </summary>
/// <remarks>
/// Why a snapshot rather than SQLite: the catalog index is small (products × a handful of prototypes) and written
/// rarely, so rewriting it whole costs milliseconds, needs no native dependency, and makes crash safety trivial:
/// write a temp file, fsync it, then rename over the old one. A crash leaves either the old or the new file, plus
/// at worst a stray <c>*.tmp</c> that the store deletes on open. The checksum turns silent media corruption into a
/// load error instead of wrong search results.
/// </remarks>
internal static class SnapshotFile
{
    public const string Extension = ".evc";
    public const string TempSuffix = ".tmp";

    private static ReadOnlySpan<byte> Magic => "BRVECT01"u8;

    private const int HashLength = SHA256.HashSizeInBytes;

    public static byte[] Serialize(VectorTable table)
    {
        EnsureLittleEndian();
        var columns = table.Schema.Columns;
        using var body = new MemoryStream();
        body.Write(Magic);
        WriteInt32(body, table.Dimensions);
        WriteInt32(body, table.Count);
        WriteInt32(body, columns.Length);
        foreach (var column in columns)
        {
            WriteBlock(body, Encoding.UTF8.GetBytes(column.StorageName));
        }

        var json = new MemoryStream();
        for (var row = 0; row < table.Count; row++)
        {
            json.SetLength(0);
            using (var writer = new Utf8JsonWriter(json))
            {
                var payload = table.Payload(row);
                writer.WriteStartObject();
                for (var c = 0; c < columns.Length; c++)
                {
                    writer.WritePropertyName(columns[c].StorageName);
                    JsonSerializer.Serialize(writer, payload[c], columns[c].Type);
                }

                writer.WriteEndObject();
            }

            WriteBlock(body, json.GetBuffer().AsSpan(0, (int)json.Length));
            body.Write(MemoryMarshal.AsBytes(table.Row(row)));
        }

        var hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        body.Write(hash);
        return body.ToArray();
    }

    /// <summary>Reads a snapshot into an empty table; throws <see cref="InvalidDataException"/> on any damage.</summary>
    public static void Load(string path, VectorTable table)
    {
        EnsureLittleEndian();
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 12 + HashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not an embedded vector collection snapshot.");
        }

        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
        {
            throw new InvalidDataException($"'{path}' fails its checksum: the file is damaged.");
        }

        var reader = new SpanReader(body[Magic.Length..]);
        var dimensions = reader.ReadInt32();
        if (dimensions != table.Dimensions)
        {
            throw new InvalidDataException($"'{path}' holds {dimensions}-dimensional vectors; the collection expects {table.Dimensions}.");
        }

        var rows = reader.ReadInt32();
        var columnCount = reader.ReadInt32();
        for (var c = 0; c < columnCount; c++)
        {
            reader.ReadBlock(); // Names are informational: payload objects are self-describing.
        }

        var columns = table.Schema.Columns;
        var vector = new float[dimensions];
        for (var row = 0; row < rows; row++)
        {
            using var doc = JsonDocument.Parse(reader.ReadBlock().ToArray());
            var payload = new object?[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                if (doc.RootElement.TryGetProperty(columns[c].StorageName, out var value))
                {
                    payload[c] = value.Deserialize(columns[c].Type);
                }
            }

            MemoryMarshal.Cast<byte, float>(reader.ReadBytes(dimensions * sizeof(float))).CopyTo(vector);
            table.Upsert(payload, vector);
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException($"'{path}' has trailing bytes after its last row.");
        }
    }

    /// <summary>Write to a unique temp file, flush it to the device, then atomically rename it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, bool flushToDisk)
    {
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Snapshots store raw little-endian floats.");
        }
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void WriteBlock(Stream stream, ReadOnlySpan<byte> block)
    {
        WriteInt32(stream, block.Length);
        stream.Write(block);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

        public ReadOnlySpan<byte> ReadBlock()
        {
            var length = ReadInt32();
            return ReadBytes(length);
        }

        public ReadOnlySpan<byte> ReadBytes(int length)
        {
            if (length < 0 || length > _data.Length - _position)
            {
                throw new InvalidDataException("Snapshot is truncated.");
            }

            var slice = _data.Slice(_position, length);
            _position += length;
            return slice;
        }
    }
}
