using BasketReasoner.Eval.Harness.Datasets;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>A system under evaluation: answers cases of the dataset kinds it supports.</summary>
public interface IEvalSystem
{
    string Name { get; }

    /// <summary>Model, prompt versions (with content hashes) and parameters as one string; <c>null</c> = never cached
    /// (deterministic local systems, whose replay is as cheap as a cache read and whose latency is the point).</summary>
    string? CacheIdentity { get; }

    /// <summary>Cases this system may run at once, whatever the suite asks (1 for a resolver holding one ONNX session).</summary>
    int MaxConcurrency { get; }

    bool Supports(DatasetKind kind);

    /// <param name="evalCase">The case.</param>
    /// <param name="seed">The repeat's seed.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    Task<SystemOutput> RunAsync(EvalCase evalCase, int seed, CancellationToken cancellationToken);
}
