using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BasketReasoner.Core.Serialization;
using BasketReasoner.Eval.Harness.Systems;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>
/// Model answers on disk, one file per key (<c>ab/abcdef....json</c>), written to a temporary name and renamed so
/// a reader never sees half a file and parallel runs can share the folder. Answers served from here are flagged
/// and never enter latency figures.
/// </summary>
public sealed class ResponseCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>SHA-256 over the length-prefixed parts: any change to model, prompt (its content hash is in the
    /// version), input, parameters or repeat index is a different key.</summary>
    public static string Key(string model, string promptVersion, string input, string parameters, int repeat)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in new[] { model, promptVersion, input, parameters })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        BinaryPrimitives.WriteInt32LittleEndian(length, repeat);
        hash.AppendData(length);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public SystemOutput? Get(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SystemOutput>(File.ReadAllText(path), SnakeCaseJson.Compact);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    public void Put(string key, SystemOutput output)
    {
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(output, SnakeCaseJson.Compact));
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(Directory, key[..2], key + ".json");
}
