using System.Diagnostics;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// The on-cart path: per camera decode before and after, detect items in both, attribute the event to one box
/// (<see cref="EventAttributor"/>), crop it with a margin from the frame it is in, and give the crops, one per view,
/// to <see cref="FusionResolver"/>'s multi-frame path. A view whose attribution failed contributes its whole
/// frame. The resolution carries the attribution as evidence. Reuses its frames and lists; not thread-safe.
/// </summary>
public sealed class AttributingResolver : ICameraFramesResolver
{
    private readonly FusionResolver _fusion;
    private readonly IItemDetector _detector;
    private readonly IFrameCodec _codec;
    private readonly List<Slot> _slots = [];

    public AttributingResolver(FusionResolver fusion, IItemDetector detector, IFrameCodec codec, EventAttributor attributor)
    {
        _fusion = fusion;
        _detector = detector;
        _codec = codec;
        Attributor = attributor;
    }

    public EventAttributor Attributor { get; }

    /// <summary>Frames decoded and run through the detector, since construction.</summary>
    public int FramesDetected { get; private set; }

    /// <summary>Wall time spent decoding and detecting, since construction.</summary>
    public TimeSpan DetectTime { get; private set; }

    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket)
    {
        var start = Stopwatch.GetTimestamp();
        var attribution = Attribute(cartEvent.Type, frames);
        var crops = new ReadOnlyMemory<byte>[frames.Count];
        for (var v = 0; v < frames.Count; v++)
        {
            var slot = _slots[v];
            var (frame, encoded) = cartEvent.Type == CartEventType.Add ? (slot.After, frames[v].After) : (slot.Before, frames[v].Before);
            crops[v] = attribution[v].Box is { } box
                ? _codec.EncodeCrop(frame, box.Expand(Attributor.Options.CropMargin, frame.Width, frame.Height))
                : encoded;
        }

        var resolution = _fusion.Resolve(cartEvent, crops, basket);
        return resolution with { Attribution = attribution, LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }

    /// <summary>Decodes and detects every camera's frames and attributes the event, without recognising anything.</summary>
    /// <exception cref="InvalidImageException">A frame does not decode, or before and after differ in size.</exception>
    public IReadOnlyList<ViewAttribution> Attribute(CartEventType type, IReadOnlyList<CameraFramePair> frames)
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
            Detect(frames[v].Before.Span, slot.Before, slot.BeforeItems);
            Detect(frames[v].After.Span, slot.After, slot.AfterItems);
            if (slot.Before.Width != slot.After.Width || slot.Before.Height != slot.After.Height)
            {
                throw new InvalidImageException(
                    $"Camera '{frames[v].Camera}': before is {slot.Before.Width}x{slot.Before.Height}, after {slot.After.Width}x{slot.After.Height}; they must match.");
            }

            views[v] = new CameraView(frames[v].Camera, slot.Before, slot.After, slot.BeforeItems, slot.AfterItems);
        }

        return Attributor.Attribute(type, views);
    }

    private void Detect(ReadOnlySpan<byte> encoded, RgbaFrame frame, List<ItemDetection> items)
    {
        var start = Stopwatch.GetTimestamp();
        _codec.Decode(encoded, frame);
        _detector.Detect(frame, items);
        DetectTime += Stopwatch.GetElapsedTime(start);
        FramesDetected++;
    }

    private sealed class Slot
    {
        public RgbaFrame Before { get; } = new();

        public RgbaFrame After { get; } = new();

        public List<ItemDetection> BeforeItems { get; } = new(32);

        public List<ItemDetection> AfterItems { get; } = new(32);
    }
}
