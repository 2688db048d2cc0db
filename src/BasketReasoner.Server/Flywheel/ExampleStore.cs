using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Flywheel;
using BasketReasoner.Server.Telemetry;

namespace BasketReasoner.Server.Flywheel;

/// <summary>
/// The flywheel's labelled examples on disk: <c>examples.jsonl</c> (one <see cref="LabelledExample"/> a line) and
/// <c>frames/CART-EVENT-HASH-N.jpg</c> (HASH: 12 hex digits of the raw ids, so ids that clean to one name keep apart). Written after the log has committed the decision or confirmation it derives from:
/// the acknowledged record is the truth and an example is derived data, so a crash between the two loses the example,
/// never the confirmation, and a failed write is counted, not turned into an error for the cart. Frames are written
/// before their line, so a line never names a frame that is not there (a crash can leave an unnamed frame file).
/// Bounded by <see cref="CartServerOptions.FlywheelMaxExamples"/>: once full, newer examples are dropped and counted
/// (the older ones are the ones an export already describes).
/// The disk is off the event path: <see cref="Write"/> copies the example into a bounded queue and returns, and one
/// background writer puts it on disk, so a slow card never holds a cart's gate. A full queue drops and counts
/// (reason <c>busy</c>); disposal writes what is queued before the process ends.
/// </summary>
internal sealed class ExampleStore : IAsyncDisposable, IDisposable
{
    /// <summary>Examples waiting for the disk at most; more are dropped as <c>busy</c>. Confirmations are rare (a
    /// shopper's tap), so a full queue means the disk has stalled, not that carts are busy.</summary>
    public const int QueueCapacity = 256;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly string? _folder;
    private readonly int _max;
    private readonly ServerMetrics _metrics;
    private readonly Channel<Pending>? _queue;
    private readonly Task _writer = Task.CompletedTask;
    private int _count;
    private int _reserved;
    private int _outstanding;

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

        _reserved = _count;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        _writer = Task.Run(WriteQueuedAsync);
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

    /// <summary>Examples queued or being written.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>
    /// Queues one example with its frames (copied: the caller's buffers may be reused once this returns); returns
    /// whether it was accepted. The disk write happens on the background writer.
    /// </summary>
    public bool Write(string cartId, string eventId, string type, string productId, string stage, double? weightDeltaGrams,
        IReadOnlyList<ReadOnlyMemory<byte>> frames, DateTimeOffset at)
    {
        if (_queue is null)
        {
            return false;
        }

        // The bound is reserved at enqueue, so it holds exactly however far the writer lags.
        if (Interlocked.Increment(ref _reserved) > _max)
        {
            Interlocked.Decrement(ref _reserved);
            _metrics.FlywheelDropped.Add(1, new KeyValuePair<string, object?>("reason", "full"));
            return false;
        }

        var example = new Pending(cartId, eventId, type, productId, stage, weightDeltaGrams, frames.Select(f => f.ToArray()).ToArray(), at);
        Interlocked.Increment(ref _outstanding);
        if (!_queue.Writer.TryWrite(example))
        {
            Interlocked.Decrement(ref _outstanding);
            Interlocked.Decrement(ref _reserved);
            _metrics.FlywheelDropped.Add(1, new KeyValuePair<string, object?>("reason", "busy"));
            return false;
        }

        return true;
    }

    /// <summary>Waits until every example queued so far is on disk (or dropped); for shutdown and tests.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (Outstanding > 0)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking examples and writes the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue?.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteQueuedAsync()
    {
        await foreach (var example in _queue!.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (WriteToDisk(example))
                {
                    Interlocked.Increment(ref _count);
                    _metrics.FlywheelExamples.Add(1, new KeyValuePair<string, object?>("stage", example.Stage));
                }
                else
                {
                    Interlocked.Decrement(ref _reserved);
                    _metrics.FlywheelDropped.Add(1, new KeyValuePair<string, object?>("reason", "io"));
                }
            }
            finally
            {
                Interlocked.Decrement(ref _outstanding);
            }
        }
    }

    private bool WriteToDisk(Pending e)
    {
        try
        {
            var names = new string[e.Frames.Length];
            for (var i = 0; i < e.Frames.Length; i++)
            {
                names[i] = $"frames/{ExampleFileNames.Frame(e.CartId, e.EventId, i)}";
                using var f = new FileStream(Path.Combine(_folder!, names[i]), FileMode.Create, FileAccess.Write);
                f.Write(e.Frames[i]);
            }

            var example = new LabelledExample
            {
                CartId = e.CartId, EventId = e.EventId, Type = e.Type, ProductId = e.ProductId, Stage = e.Stage,
                WeightDeltaGrams = e.WeightDeltaGrams, Frames = names, At = e.At,
            };
            var line = JsonSerializer.Serialize(example, Json) + "\n";
            using var file = new FileStream(Path.Combine(_folder!, FileName), FileMode.Append, FileAccess.Write);
            file.Write(Encoding.UTF8.GetBytes(line));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed record Pending(string CartId, string EventId, string Type, string ProductId, string Stage, double? WeightDeltaGrams, byte[][] Frames, DateTimeOffset At);
}
