using System.Diagnostics;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// The on-cart path: <see cref="FramesAttributor"/> finds the item in every camera, its box is cropped with a margin
/// from the frame it is in (after for an add, before for a remove), and the crops, one per view, go to
/// <see cref="FusionResolver"/>'s multi-frame path. A view whose attribution failed contributes its whole frame.
/// The resolution carries the attribution as evidence. Not thread-safe.
/// </summary>
public sealed class AttributingResolver(FusionResolver fusion, FramesAttributor frames) : ICameraFramesResolver
{
    public FramesAttributor Frames => frames;

    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<CameraFramePair> cameraFrames, Basket basket)
    {
        var start = Stopwatch.GetTimestamp();
        var attribution = frames.Attribute(cartEvent.Type, cameraFrames);
        var margin = frames.Attributor.Options.CropMargin;
        var crops = new ReadOnlyMemory<byte>[cameraFrames.Count];
        for (var v = 0; v < cameraFrames.Count; v++)
        {
            var view = frames.Views[v];
            var (frame, encoded) = cartEvent.Type == CartEventType.Add ? (view.After, cameraFrames[v].After) : (view.Before, cameraFrames[v].Before);
            crops[v] = attribution[v].Box is { } box ? frames.Codec.EncodeCrop(frame, box.Expand(margin, frame.Width, frame.Height)) : encoded;
        }

        var resolution = fusion.Resolve(cartEvent, crops, basket);
        return resolution with { Attribution = attribution, LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }
}
