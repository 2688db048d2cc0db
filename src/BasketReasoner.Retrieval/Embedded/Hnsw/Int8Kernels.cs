using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BasketReasoner.Retrieval.Embedded.Hnsw;

/// <summary>
/// Symmetric int8 scalar quantizer with one global scale: x ≈ scale·c, c ∈ [-127, 127]. One scale (rather than one per
/// dimension) keeps the dot product a plain integer dot product — dot(x, y) ≈ scale²·Σ cₓ·c_y — so a kernel needs no
/// per-dimension weights. The scale comes from a high quantile of |x| (like Qdrant's <c>quantile</c>), so a few
/// outlier components are clipped instead of wasting resolution for all the others.
/// </summary>
internal sealed class Int8Quantizer
{
    private const double ClipQuantile = 0.9999;

    public Int8Quantizer(float scale)
    {
        Scale = scale > 0 && float.IsFinite(scale) ? scale : 1f / 127f;
        InverseScale = 1f / Scale;
        DotScale = Scale * Scale;
    }

    public float Scale { get; }

    public float InverseScale { get; }

    /// <summary>Multiplier from an integer dot product back to float units.</summary>
    public float DotScale { get; }

    /// <summary>Fits the scale on (a sample of) row-major vectors: quantile of |x| mapped to 127.</summary>
    public static Int8Quantizer Fit(ReadOnlySpan<float> vectors, int dimensions, bool normalize)
    {
        var rows = vectors.Length / dimensions;
        if (rows == 0)
        {
            return new Int8Quantizer(1f / 127f);
        }

        // At most ~64k components sampled with a fixed stride: deterministic and enough for a 0.9999 quantile.
        var stride = Math.Max(1, rows / 512);
        var sample = new List<float>();
        for (var row = 0; row < rows; row += stride)
        {
            var span = vectors.Slice(row * dimensions, dimensions);
            var norm = normalize ? TensorPrimitives.Norm(span) : 1f;
            var inverse = norm > 0f ? 1f / norm : 0f;
            foreach (var x in span)
            {
                sample.Add(MathF.Abs(x * inverse));
            }
        }

        sample.Sort();
        var q = sample[Math.Min(sample.Count - 1, (int)(ClipQuantile * sample.Count))];
        return new Int8Quantizer(q / 127f);
    }

    public void Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * InverseScale), -127f, 127f);
        }
    }

    /// <summary>Largest absolute error of one decoded component for values inside the clip range (half a step).</summary>
    public float MaxComponentError => Scale / 2f;

    /// <summary>Squared norm of the decoded vector, for Euclidean scoring on codes.</summary>
    public float DecodedSquaredNorm(ReadOnlySpan<sbyte> codes) => Int8Kernels.Dot(codes, codes) * DotScale;

    public void Decode(ReadOnlySpan<sbyte> codes, Span<float> vector)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            vector[i] = codes[i] * Scale;
        }
    }
}

/// <summary>Integer SIMD kernels on int8 codes.</summary>
internal static class Int8Kernels
{
    /// <summary>Σ aᵢ·bᵢ exactly in int32 (|aᵢ·bᵢ| ≤ 127², so no overflow below 133k dimensions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var length = a.Length;
        var i = 0;
        var sum = 0;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        if (Avx2.IsSupported && length >= 32)
        {
            // Sign-extend 16 codes to int16, then vpmaddwd multiplies pairs and adds adjacent products into int32.
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var a0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var b0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
                var a1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)(i + 16)));
                var b1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)(i + 16)));
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(a0, b0));
                acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(a1, b1));
            }

            sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }

        return sum;
    }

    /// <summary>Float reference for tests: the dot product of the decoded vectors.</summary>
    public static float DecodedDot(Int8Quantizer quantizer, ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        Span<float> x = stackalloc float[a.Length];
        Span<float> y = stackalloc float[b.Length];
        quantizer.Decode(a, x);
        quantizer.Decode(b, y);
        return TensorPrimitives.Dot(x, y);
    }
}
