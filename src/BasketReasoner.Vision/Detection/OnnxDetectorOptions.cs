namespace BasketReasoner.Vision.Detection;

/// <summary>Options for <see cref="OnnxItemDetector"/>.</summary>
public sealed class OnnxDetectorOptions
{
    /// <summary>Threads ONNX Runtime may use inside one inference. Default: 1 (the cart budget is one core).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Overrides the model card's <c>score_threshold</c> when set. Default: <c>null</c> (the card's value).</summary>
    public float? ScoreThreshold { get; set; }
}
