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
}
