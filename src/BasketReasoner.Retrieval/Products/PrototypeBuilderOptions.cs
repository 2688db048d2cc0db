namespace BasketReasoner.Retrieval.Products;

/// <summary>Options for <see cref="PrototypeBuilder"/>.</summary>
public sealed class PrototypeBuilderOptions
{
    /// <summary>k-means centroids per class; default 4. A class with at most this many images keeps each image instead.</summary>
    public int PrototypesPerClass { get; init; } = 4;

    /// <summary>Seed for k-means++ initialisation; default 17. Same inputs and seed give identical prototypes.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Upper bound on Lloyd iterations per class; default 50. Iteration also stops when no assignment changes.</summary>
    public int MaxIterations { get; init; } = 50;
}
