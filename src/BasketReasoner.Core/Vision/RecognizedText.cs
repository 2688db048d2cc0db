namespace BasketReasoner.Core.Vision;

/// <summary>One recognised text line.</summary>
/// <param name="Text">The decoded characters, as the model read them.</param>
/// <param name="Confidence">Mean per-character probability of the decoded path, in [0, 1].</param>
/// <param name="DetectionScore">Mean text probability inside the detected box, in [0, 1].</param>
/// <param name="CenterX">Box centre, in frame pixels.</param>
/// <param name="CenterY">Box centre, in frame pixels.</param>
/// <param name="Height">Box height (the shorter side for a horizontal line), in frame pixels.</param>
public sealed record RecognizedText(string Text, double Confidence, double DetectionScore, float CenterX, float CenterY, float Height);
