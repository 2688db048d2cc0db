namespace BasketReasoner.Core.Vision;

/// <summary>A detected item: its box in frame pixels and the detector's objectness in [0, 1].</summary>
public readonly record struct ItemDetection(ItemBox Box, float Score);
