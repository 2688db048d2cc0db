namespace BasketReasoner.Vision.Onnx;

/// <summary>Options for <see cref="OnnxProductRecognizer"/>.</summary>
public sealed class OnnxRecognizerOptions
{
    /// <summary>Threads ONNX Runtime may use inside one inference. Default: 1 (the cart budget is one core).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Also run the horizontally mirrored frame and average the two views. Default: <c>false</c> (one view): the
    /// second image in the batch is about half of an event's CPU and, measured on val through fusion and the
    /// escalation chain, bought no accuracy (<c>eval/README.md</c>, "One view"). <c>true</c> restores the average.
    /// </summary>
    public bool MirrorAveraging { get; set; }

    /// <summary>
    /// Which graph of the recognizer folder runs. Default: <c>null</c>, the folder's own choice
    /// (<see cref="RecognizerModelCard.DefaultPrecision"/>: <c>default_precision</c> in <c>recognizer.json</c>, float32 when
    /// absent). The shipped folder names int8: its quantization-aware graph matched float32 on val
    /// (<c>models/recognizer/MODEL_CARD.md</c>, "The int8 graph") at a third of the cost.
    /// </summary>
    public RecognizerPrecision? Precision { get; set; }
}
