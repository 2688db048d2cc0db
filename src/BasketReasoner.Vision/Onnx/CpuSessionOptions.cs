using Microsoft.ML.OnnxRuntime;

namespace BasketReasoner.Vision.Onnx;

/// <summary>
/// The session options every model on the cart runs with: a fixed intra-op thread count, one inter-op thread,
/// sequential execution and all graph optimisations. One place, so the recognizer, the detector, OCR and the
/// generation engine cannot drift apart in how they share the cart's cores.
/// </summary>
public static class CpuSessionOptions
{
    /// <summary>New options; the caller disposes them (sessions keep what they need).</summary>
    public static SessionOptions Create(int intraOpThreads) => new()
    {
        IntraOpNumThreads = intraOpThreads,
        InterOpNumThreads = 1,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };
}
