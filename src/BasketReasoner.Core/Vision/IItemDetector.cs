namespace BasketReasoner.Core.Vision;

/// <summary>
/// Finds the items in a decoded cart frame, class-agnostic: boxes with objectness. Implementations reuse their
/// buffers (no managed allocation per frame beyond what the caller's list needs); not thread-safe.
/// </summary>
public interface IItemDetector : IDisposable
{
    /// <summary>
    /// Clears <paramref name="detections"/> and fills it with the items found, best first, in pixels of
    /// <paramref name="frame"/> (a whole <see cref="RgbaFrame"/> converts implicitly).
    /// </summary>
    void Detect(FrameView frame, List<ItemDetection> detections);
}
