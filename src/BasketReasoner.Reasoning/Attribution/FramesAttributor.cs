using System.Diagnostics;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// Per camera: decode before and after once each into reused pooled frames, detect the items in both, then let
/// <see cref="EventAttributor"/> pick the item the event is about. The decoded frames stay available until the
/// next call, so crops are views of them. Not thread-safe; disposing returns the frames' buffers to the pool.
/// </summary>
public sealed class FramesAttributor : IDisposable
{
    private readonly IItemDetector _detector;
    private readonly IFrameDecoder _decoder;
    private readonly List<Slot> _slots = [];

    public FramesAttributor(IItemDetector detector, IFrameDecoder decoder, EventAttributor attributor)
    {
        _detector = detector;
        _decoder = decoder;
        Attributor = attributor;
    }

    public EventAttributor Attributor { get; set; }

    /// <summary>Frames decoded and run through the detector, since construction.</summary>
    public int FramesDetected { get; private set; }

    /// <summary>Wall time spent decoding and detecting, since construction.</summary>
    public TimeSpan DetectTime { get; private set; }

    /// <summary>The views of the last <see cref="Detect"/> call, one per camera.</summary>
    public IReadOnlyList<CameraView> Views { get; private set; } = [];

    /// <summary>Decodes and detects every camera's frames, then attributes the event.</summary>
    /// <exception cref="InvalidImageException">A frame does not decode, or before and after differ in size.</exception>
    public IReadOnlyList<ViewAttribution> Attribute(CartEventType type, IReadOnlyList<CameraFramePair> frames)
    {
        Detect(frames);
        return Attributor.Attribute(type, Views);
    }

    /// <summary>Decodes and detects every camera's frames into <see cref="Views"/>, without attributing.</summary>
    public IReadOnlyList<CameraView> Detect(IReadOnlyList<CameraFramePair> frames)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        while (_slots.Count < frames.Count)
        {
            _slots.Add(new Slot());
        }

        var views = new CameraView[frames.Count];
        for (var v = 0; v < frames.Count; v++)
        {
            var slot = _slots[v];
            DetectOne(frames[v].Before.Span, slot.Before, slot.BeforeItems);
            DetectOne(frames[v].After.Span, slot.After, slot.AfterItems);
            if (slot.Before.Width != slot.After.Width || slot.Before.Height != slot.After.Height)
            {
                throw new InvalidImageException(
                    $"Camera '{frames[v].Camera}': before is {slot.Before.Width}x{slot.Before.Height}, after {slot.After.Width}x{slot.After.Height}; they must match.");
            }

            views[v] = new CameraView(frames[v].Camera, slot.Before, slot.After, slot.BeforeItems, slot.AfterItems);
        }

        Views = views;
        return views;
    }

    private void DetectOne(ReadOnlySpan<byte> encoded, RgbaFrame frame, List<ItemDetection> items)
    {
        var start = Stopwatch.GetTimestamp();
        _decoder.Decode(encoded, frame);
        _detector.Detect(frame, items);
        DetectTime += Stopwatch.GetElapsedTime(start);
        FramesDetected++;
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            slot.Before.Dispose();
            slot.After.Dispose();
        }

        _slots.Clear();
        Views = [];
    }

    private sealed class Slot
    {
        public RgbaFrame Before { get; } = new();

        public RgbaFrame After { get; } = new();

        public List<ItemDetection> BeforeItems { get; } = new(32);

        public List<ItemDetection> AfterItems { get; } = new(32);
    }
}
