using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>Float kernels of the graph's inner loop, specialised for embedding sizes that are a multiple of 16.</summary>
internal static class FloatKernels
{
    /// <summary>
    /// Σ aᵢ·bᵢ. For lengths that are a multiple of 16 (every embedding size in use) one unrolled 512- or 256-bit loop
    /// with two accumulators and no remainder handling: the general-purpose <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    /// spends a noticeable share of a 128-d product on dispatch and edge cases, and the graph build does hundreds of
    /// millions of them. Other lengths use TensorPrimitives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = a.Length;
        if (length != b.Length || (length & 15) != 0 || length == 0)
        {
            return TensorPrimitives.Dot(a, b);
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        if (Vector512.IsHardwareAccelerated)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            var i = 0;
            for (; i <= length - 32; i += 32)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)(i + 16)), Vector512.LoadUnsafe(ref rb, (nuint)(i + 16)), acc1);
            }

            if (i < length)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i), acc0);
            }

            return Vector512.Sum(acc0 + acc1);
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (var i = 0; i < length; i += 16)
            {
                acc0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), acc0);
                acc1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)(i + 8)), Vector256.LoadUnsafe(ref rb, (nuint)(i + 8)), acc1);
            }

            return Vector256.Sum(acc0 + acc1);
        }

        return TensorPrimitives.Dot(a, b);
    }

    /// <summary>
    /// Asks the CPU to start loading <paramref name="bytes"/> bytes at <paramref name="start"/> into cache. A graph walk
    /// touches vectors at random addresses (a cache miss each at 1M rows); issuing every neighbour's loads before
    /// scoring the first overlaps the misses instead of paying them one after another (hnswlib does the same).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T start, int bytes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        // A hint only: a stale address (the GC moved the array) costs a useless load, never a fault.
        var p = (byte*)Unsafe.AsPointer(ref start);
        for (var offset = 0; offset < bytes; offset += 64)
        {
            Sse.Prefetch0(p + offset);
        }
    }
}
