using BasketReasoner.Composition;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Eval.Harness.Systems;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Cli.Composition;

/// <summary>
/// The harness registry as the CLI fills it: <c>openai</c> and the built-in graders (from the library) plus
/// <c>rules</c>, the fusion resolver of the embedded pipeline (opened only if a suite uses it). Another system is
/// one <see cref="EvalRegistry.AddBackend"/> call here, e.g.
/// <c>registry.AddBackend("on-device", new EvalBackend { ChatClient = v => engine })</c> or
/// <c>new EvalBackend { Assistant = v => assistant, Chooser = v => chooser }</c>.
/// </summary>
internal sealed class EvalHarnessComposition : IDisposable
{
    private readonly Lazy<CartPipeline> _pipeline;

    private EvalHarnessComposition(EvalRegistry registry, Lazy<CartPipeline> pipeline)
    {
        Registry = registry;
        _pipeline = pipeline;
    }

    public EvalRegistry Registry { get; }

    /// <param name="dataRoot">The dataset root, or null for the default lookup (resolved only when images are read).</param>
    /// <param name="log">Pipeline notes.</param>
    public static EvalHarnessComposition Create(string? dataRoot, TextWriter log)
    {
        var repoRoot = DefaultAssets.RepoRoot() ?? Directory.GetCurrentDirectory();
        var catalog = ProductCatalog.Load(DefaultAssets.CatalogPath);
        var env = new EvalEnvironment(repoRoot, catalog, () => DataRoot.ImagesFolder(DataRoot.Resolve(dataRoot)));
        var pipeline = new Lazy<CartPipeline>(() => CartPipeline.Open(log: log));
        var registry = EvalRegistry.CreateDefault(env);
        registry.AddBackend("rules", new EvalBackend
        {
            Resolver = variant =>
            {
                var p = pipeline.Value;
                return variant.Spec.Options.TryGetValue("fusion_config", out var config)
                    ? new FusionResolver(p.Catalog, p.Recognizer, p.Index, FusionConfig.Load(env.Resolve(config)))
                    : p.Resolver;
            },
            // One ONNX session and one fusion per pipeline: the resolver runs one case at a time.
            MaxConcurrency = 1,
            Cacheable = false,
            ModelName = "fusion",
        });
        return new EvalHarnessComposition(registry, pipeline);
    }

    public void Dispose()
    {
        if (_pipeline.IsValueCreated)
        {
            _pipeline.Value.Dispose();
        }
    }
}
