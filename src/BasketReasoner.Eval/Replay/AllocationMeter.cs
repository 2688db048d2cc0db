using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Eval.Replay;

/// <summary>
/// Wraps a resolver and counts the managed bytes the calling thread allocates inside each
/// <see cref="ICartEventResolver.Resolve"/> (the hot path's "allocates nothing per frame" made measurable; native
/// buffers such as ONNX Runtime's are not managed and not counted).
/// </summary>
public sealed class AllocationMeter(ICartEventResolver inner) : ICartEventResolver
{
    /// <summary>Events resolved through the meter.</summary>
    public int Events { get; private set; }

    /// <summary>Managed bytes allocated inside those calls, in total.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Mean managed bytes per resolved event; 0 before the first.</summary>
    public double BytesPerEvent => Events == 0 ? 0 : (double)AllocatedBytes / Events;

    public Resolution Resolve(CartEvent cartEvent, ReadOnlySpan<byte> encodedImage, Basket basket)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var resolution = inner.Resolve(cartEvent, encodedImage, basket);
        AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        Events++;
        return resolution;
    }
}
