namespace BasketReasoner.Vision.Onnx;

/// <summary>Options for <see cref="OnnxProductRecognizer"/>.</summary>
public sealed class OnnxRecognizerOptions
{
    /// <summary>Threads ONNX Runtime may use inside one inference. Default: 1 (the cart budget is one core).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Also run the horizontally mirrored frame and average the two views. Default: <c>true</c>; costs a second
    /// image in the same batch.
    /// </summary>
    public bool MirrorAveraging { get; set; } = true;
}
