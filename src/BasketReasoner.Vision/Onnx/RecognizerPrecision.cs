namespace BasketReasoner.Vision.Onnx;

/// <summary>Which of a recognizer folder's two graphs runs.</summary>
public enum RecognizerPrecision
{
    /// <summary><c>recognizer.onnx</c>: the float32 export, the one the PyTorch parity fixtures check.</summary>
    Float32,

    /// <summary>
    /// <c>recognizer.int8.onnx</c>: the static int8 (QDQ) variant written by
    /// <c>models/training/resnet18/quantize_recognizer.py</c>; ONNX Runtime runs its convolutions as QLinearConv.
    /// </summary>
    Int8,
}
