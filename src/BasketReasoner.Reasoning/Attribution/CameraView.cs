using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>One camera's decoded before/after frames of an event and the items detected in each.</summary>
public sealed record CameraView(
    string Camera, RgbaFrame Before, RgbaFrame After, IReadOnlyList<ItemDetection> BeforeItems, IReadOnlyList<ItemDetection> AfterItems);
