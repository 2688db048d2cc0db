using System.Diagnostics;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// The on-cart path: <see cref="FramesAttributor"/> finds the item in every camera, its box with a margin becomes a
/// view of the frame it is in (after for an add, before for a remove; pixels in place, no copy or re-encode), and the
/// views, one per camera, go to <see cref="FusionResolver"/>'s multi-frame pixel path. A view whose attribution
/// failed contributes its whole decoded frame. The resolution carries the attribution as evidence. Not thread-safe.
/// </summary>
public sealed class AttributingResolver(FusionResolver fusion, FramesAttributor frames) : ICameraFramesResolver
{
    private FrameView[] _crops = [];

    public FramesAttributor Frames => frames;

    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<CameraFramePair> cameraFrames, Basket basket)
    {
        var start = Stopwatch.GetTimestamp();
        var attribution = frames.Attribute(cartEvent.Type, cameraFrames);
        var margin = frames.Attributor.Options.CropMargin;
        if (_crops.Length != cameraFrames.Count)
        {
            _crops = new FrameView[cameraFrames.Count];
        }

        for (var v = 0; v < cameraFrames.Count; v++)
        {
            var view = frames.Views[v];
            var frame = cartEvent.Type == CartEventType.Add ? view.After : view.Before;
            _crops[v] = attribution[v].Box is { } box ? frame.Crop(box.Expand(margin, frame.Width, frame.Height)) : frame.View();
        }

        var resolution = fusion.Resolve(cartEvent, _crops, basket);
        return resolution with { Attribution = attribution, LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }
}
