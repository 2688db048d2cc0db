using System.Text.Json.Serialization;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Core.Resolutions;

/// <summary>Which part of one camera's frame an event was attributed to, and why.</summary>
/// <param name="Camera">The camera id.</param>
/// <param name="Box">The item's box in that camera's frame (after for an add, before for a remove); <c>null</c> when attribution failed and the whole frame was used.</param>
/// <param name="Score">The attribution score of the chosen box (change × novelty), 0 for the whole frame.</param>
/// <param name="Change">Fraction of the box's pixels that changed between before and after.</param>
/// <param name="Detections">Items the detector found in the frame the box comes from.</param>
/// <param name="Reason"><c>changed-box</c>, <c>floor-match</c> (picked to agree with the other cameras), or why the whole frame was used.</param>
public sealed record ViewAttribution(string Camera, ItemBox? Box, float Score, float Change, int Detections, string Reason)
{
    [JsonIgnore]
    public bool WholeFrame => Box is null;
}
