using BasketReasoner.Reasoning.Attribution;

namespace BasketReasoner.Composition;

/// <summary>How <see cref="CartPipeline"/> opens the detector and event attribution.</summary>
/// <param name="DetectorFolder">Detector model folder; default <see cref="DefaultAssets.DetectorFolder"/>, skipped when absent. A folder named here must exist.</param>
/// <param name="CamerasPath">The cart's <c>cameras.json</c> (calibration); <c>null</c> or missing: cameras are attributed independently.</param>
/// <param name="Options">Attribution thresholds; default <see cref="AttributionOptions"/>'s.</param>
/// <param name="ScoreThreshold">Overrides the detector card's score threshold.</param>
public sealed record AttributionSetup(string? DetectorFolder = null, string? CamerasPath = null, AttributionOptions? Options = null, float? ScoreThreshold = null);
