using System.Numerics.Tensors;

namespace BasketReasoner.Retrieval.Products;

internal static class Vectors
{
    /// <summary>Scales to unit L2 norm; a zero vector stays zero because it has no direction to keep.</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        NormalizeInPlace(copy);
        return copy;
    }
}
