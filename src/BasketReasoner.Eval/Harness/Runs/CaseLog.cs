using System.Text;
using System.Text.Json;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>
/// The run's <c>cases.jsonl</c>, appended one flushed line per finished case, so a killed run loses at most the
/// cases in flight and a rerun skips what is done. A torn last line (killed mid-write) is ignored on reading.
/// </summary>
public sealed class CaseLog : IDisposable
{
    public const string FileName = "cases.jsonl";

    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public CaseLog(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        Existing = File.Exists(path) ? Read(path) : [];
        // A torn last line would glue onto the next record; start appends on a fresh line.
        var needsNewline = File.Exists(path) && new FileInfo(path).Length > 0 && LastByte(path) != (byte)'\n';
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        if (needsNewline)
        {
            _writer.Write('\n');
        }
    }

    /// <summary>Records already in the log when it was opened.</summary>
    public IReadOnlyList<CaseRecord> Existing { get; }

    public void Append(CaseRecord record)
    {
        var line = JsonSerializer.Serialize(record, SnakeCaseJson.Compact);
        lock (_gate)
        {
            _writer.Write(line);
            _writer.Write('\n');
            _writer.Flush();
        }
    }

    /// <summary>Every complete record of a log; later duplicates of a key replace earlier ones.</summary>
    public static List<CaseRecord> Read(string path)
    {
        var byKey = new Dictionary<string, CaseRecord>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<CaseRecord>(line, SnakeCaseJson.Compact) is { } r)
                {
                    byKey[r.Key] = r;
                }
            }
            catch (JsonException)
            {
                // A line torn by a crash; its case runs again.
            }
        }

        return byKey.Values.ToList();
    }

    private static byte LastByte(string path)
    {
        using var f = File.OpenRead(path);
        f.Seek(-1, SeekOrigin.End);
        return (byte)f.ReadByte();
    }

    public void Dispose() => _writer.Dispose();
}
