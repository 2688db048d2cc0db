using System.Text;
using System.Text.Json;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Flywheel;
using BasketReasoner.Server.Telemetry;

namespace BasketReasoner.Server.Flywheel;

/// <summary>
/// The flywheel's labelled examples on disk: <c>examples.jsonl</c> (one <see cref="LabelledExample"/> a line) and
/// <c>frames/CART-EVENT-N.jpg</c>. Written after the log has committed the decision or confirmation it derives from:
/// the acknowledged record is the truth and an example is derived data, so a crash between the two loses the example,
/// never the confirmation, and a failed write is counted, not turned into an error for the cart. Frames are written
/// before their line, so a line never names a frame that is not there (a crash can leave an unnamed frame file).
/// Bounded by <see cref="CartServerOptions.FlywheelMaxExamples"/>: once full, newer examples are dropped and counted
/// (the older ones are the ones an export already describes). One writer at a time, carts in parallel.
/// </summary>
internal sealed class ExampleStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly string? _folder;
    private readonly int _max;
    private readonly ServerMetrics _metrics;
    private readonly Lock _gate = new();
    private int _count;

    public ExampleStore(CartServerOptions options, ServerMetrics metrics)
    {
        // OptionsRules checked the ranges at start; this guards direct construction.
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlywheelMaxExamples, 1, "Server:FlywheelMaxExamples");
        _max = options.FlywheelMaxExamples;
        _metrics = metrics;
        _folder = FolderFor(options);
        if (_folder is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(_folder, "frames"));
            var file = Path.Combine(_folder, FileName);
            _count = File.Exists(file) ? File.ReadLines(file).Count(l => !string.IsNullOrWhiteSpace(l)) : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidConfigurationException("Server:FlywheelFolder", $"cannot be used at '{_folder}': {ex.Message}");
        }
    }

    public const string FileName = "examples.jsonl";

    /// <summary>The folder, or <c>null</c> when examples are off.</summary>
    public string? Folder => _folder;

    /// <summary>Lines the file holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The configured folder: empty means off, unset means beside the event log.</summary>
    public static string? FolderFor(CartServerOptions options) => options.FlywheelFolder switch
    {
        null => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.EventLogPath))!, Path.GetFileNameWithoutExtension(options.EventLogPath) + ".flywheel"),
        "" => null,
        var f when string.IsNullOrWhiteSpace(f) => null,
        var f => Path.GetFullPath(f),
    };

    /// <summary>Writes one example with its frames; returns whether it was kept.</summary>
    public bool Write(string cartId, string eventId, string type, string productId, string stage, double? weightDeltaGrams,
        IReadOnlyList<ReadOnlyMemory<byte>> frames, DateTimeOffset at)
    {
        if (_folder is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (_count >= _max)
            {
                _metrics.FlywheelDropped.Add(1, new KeyValuePair<string, object?>("reason", "full"));
                return false;
            }

            try
            {
                var names = new string[frames.Count];
                for (var i = 0; i < frames.Count; i++)
                {
                    names[i] = $"frames/{Safe(cartId)}-{Safe(eventId)}-{i}.jpg";
                    using var f = new FileStream(Path.Combine(_folder, names[i]), FileMode.Create, FileAccess.Write);
                    f.Write(frames[i].Span);
                }

                var example = new LabelledExample
                {
                    CartId = cartId, EventId = eventId, Type = type, ProductId = productId, Stage = stage,
                    WeightDeltaGrams = weightDeltaGrams, Frames = names, At = at,
                };
                var line = JsonSerializer.Serialize(example, Json) + "\n";
                using (var file = new FileStream(Path.Combine(_folder, FileName), FileMode.Append, FileAccess.Write))
                {
                    file.Write(Encoding.UTF8.GetBytes(line));
                }

                _count++;
                _metrics.FlywheelExamples.Add(1, new KeyValuePair<string, object?>("stage", stage));
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _metrics.FlywheelDropped.Add(1, new KeyValuePair<string, object?>("reason", "io"));
                return false;
            }
        }
    }

    // Ids become file names: anything but letters, digits, '.', '_' and '-' is replaced.
    private static string Safe(string id)
    {
        var chars = id.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '.' or '_' or '-'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
