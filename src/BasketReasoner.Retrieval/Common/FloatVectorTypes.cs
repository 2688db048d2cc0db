using Microsoft.Extensions.AI;

namespace BasketReasoner.Retrieval.Common;

/// <summary>The vector property types every backend here accepts: one dense float vector per record.</summary>
internal static class FloatVectorTypes
{
    public const string Supported = "float[], ReadOnlyMemory<float>, Embedding<float>";

    public static bool IsSupported(Type type) =>
        type == typeof(float[])
        || type == typeof(ReadOnlyMemory<float>)
        || type == typeof(ReadOnlyMemory<float>?)
        || type == typeof(Embedding<float>);

    /// <summary>The dense vector of a search input; throws for any other input type.</summary>
    public static ReadOnlyMemory<float> FromSearchInput<TInput>(TInput searchValue) => searchValue switch
    {
        float[] array => array,
        ReadOnlyMemory<float> memory => memory,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new NotSupportedException(
            $"Search input of type '{typeof(TInput).Name}' is not supported: pass float[], ReadOnlyMemory<float> or Embedding<float>."),
    };
}
