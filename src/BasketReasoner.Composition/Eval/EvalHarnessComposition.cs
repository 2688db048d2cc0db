using BasketReasoner.Core.Prompts;
using BasketReasoner.Composition.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Eval.Harness.Reports.Viewer;
using BasketReasoner.Eval.Harness.Systems;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Chat;
using BasketReasoner.Assistant;
using BasketReasoner.Assistant.ToolCalls;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Composition.Eval;

/// <summary>
/// The harness registry as the CLI fills it: <c>openai</c> and the built-in graders (from the library) plus
/// <list type="bullet">
/// <item><c>rules</c>: the fusion resolver of the embedded pipeline (option <c>fusion_config</c>);</item>
/// <item><c>assistant</c>: the rules shopper assistant of <see cref="AssistantComposition"/>;</item>
/// <item><c>on-device</c>: the VLM in <c>models/vlm</c> (option <c>model_dir</c>; parameter <c>decoder</c> =
/// <c>fp32</c> (default) or <c>int8</c>): <see cref="OnDeviceCandidateChooser"/> with
/// <c>prompts/choose-product/on-device.{version}.md</c> for ambiguous items, <see cref="OnDeviceChatClient"/> for
/// chat-prompted tasks;</item>
/// <item><c>assistant+on-device</c>: the assistant with its LLM stage over the on-device chat client and
/// <c>prompts/assistant/answer.v1.md</c>; its grounding guard decides whether the model's wording is used.</item>
/// </list>
/// Everything heavy (pipeline, assistant search index, engines) is opened only when a suite's system asks for it, and
/// once per distinct setting. Another system is one <see cref="EvalRegistry.AddBackend"/> call here.
/// </summary>
public sealed class EvalHarnessComposition : IDisposable
{
    private readonly Lazy<CartPipeline> _pipeline;
    private readonly OnDeviceEngines _engines;
    private readonly List<Lazy<AssistantComposition>> _assistants;
    private readonly List<ToolCallModel> _toolModels;
    private readonly List<CountingChatClient> _chatStages;
    private readonly TextWriter _log;

    private EvalHarnessComposition(EvalRegistry registry, Lazy<CartPipeline> pipeline, OnDeviceEngines engines, List<Lazy<AssistantComposition>> assistants,
        List<CountingChatClient> chatStages, List<ToolCallModel> toolModels, TextWriter log)
    {
        _toolModels = toolModels;
        _chatStages = chatStages;
        _log = log;
        Registry = registry;
        _pipeline = pipeline;
        _engines = engines;
        _assistants = assistants;
    }

    public EvalRegistry Registry { get; }

    /// <summary>Frame thumbnails from the same images folder the systems read.</summary>
    public IFrameThumbnails Frames { get; private init; } = null!;

    /// <summary>Frame thumbnails for reports made outside a run (<c>compare --html</c>, <c>merge</c>); a dataset
    /// that cannot be found gives pages without pictures, not an error.</summary>
    /// <param name="dataRoot">The dataset root, or null for the default lookup.</param>
    public static IFrameThumbnails FrameThumbnails(string? dataRoot) =>
        new JpegFrameThumbnails(() => DataRoot.ImagesFolder(DataRoot.Resolve(dataRoot)));

    /// <param name="dataRoot">The dataset root, or null for the default lookup (resolved only when images are read).</param>
    /// <param name="log">Pipeline notes.</param>
    public static EvalHarnessComposition Create(string? dataRoot, TextWriter log)
    {
        var repoRoot = DefaultAssets.RepoRoot() ?? Directory.GetCurrentDirectory();
        var catalog = ProductCatalog.Load(DefaultAssets.CatalogPath);
        var env = new EvalEnvironment(repoRoot, catalog, () => DataRoot.ImagesFolder(DataRoot.Resolve(dataRoot)));
        var pipeline = new Lazy<CartPipeline>(() => CartPipeline.Open(log: log));
        var engines = new OnDeviceEngines(env);
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

        // The rules assistant is deterministic and cheap per question; its search index is built once, on first use.
        // Option tool_model (a tool-call model folder) adds the model's tool calls, tool_policy (model_first, the
        // default, or lexicon_first) how they combine with the rules reader; one assistant per setting.
        var rulesAssistant = new Lazy<AssistantComposition>(() => OpenAssistant(dataRoot, null));
        var assistants = new List<Lazy<AssistantComposition>> { rulesAssistant };
        var toolAssistants = new Dictionary<string, Lazy<AssistantComposition>>(StringComparer.Ordinal);
        var toolModels = new List<ToolCallModel>();
        registry.AddBackend("assistant", new EvalBackend
        {
            Assistant = variant =>
            {
                if (!variant.Spec.Options.TryGetValue("tool_model", out var folder))
                {
                    return rulesAssistant.Value.Assistant;
                }

                var name = variant.Spec.Options.GetValueOrDefault("tool_policy", ToolCallPolicyNames.ModelFirst);
                var policy = ToolCallPolicyNames.All.Contains(name)
                    ? ToolCallPolicyNames.Parse(name)
                    : throw new ArgumentException($"system {variant.Name}: tool_policy '{name}' is not one of {string.Join(", ", ToolCallPolicyNames.All)}");
                var key = $"{folder}|{policy}";
                lock (toolAssistants)
                {
                    if (!toolAssistants.TryGetValue(key, out var lazy))
                    {
                        var model = ToolCallModel.Open(env.Resolve(folder));
                        toolModels.Add(model);
                        lazy = new Lazy<AssistantComposition>(() => OpenAssistant(dataRoot, new ShopperAssistantOptions { ToolCallClient = model.Client, ToolCallPolicy = policy }));
                        toolAssistants[key] = lazy;
                        assistants.Add(lazy);
                    }

                    return lazy.Value.Assistant;
                }
            },
            Cacheable = false,
            ModelName = "rules-assistant",
        });

        registry.AddBackend("on-device", new EvalBackend
        {
            Chooser = variant => new OnDeviceCandidateChooser(engines.For(variant), engines.ChoiceTemplate(variant)),
            ChatClient = variant => new OnDeviceChatClient(engines.For(variant)),
            Prompts = variant => [PromptFile.FromFile(engines.ChoicePromptPath(variant))],
            // One engine (one KV cache) per model folder and decoder: cases run one at a time.
            MaxConcurrency = 1,
            // Greedy scoring of fixed candidates is deterministic; the cache only saves a re-run.
            Cacheable = false,
            ModelName = "basket-vlm",
        });

        // One assistant per engine setting, built on first use (its facts come from the same rules stage).
        var hybrid = new Dictionary<string, Lazy<AssistantComposition>>(StringComparer.Ordinal);
        var counters = new List<CountingChatClient>();
        registry.AddBackend("assistant+on-device", new EvalBackend
        {
            Assistant = variant =>
            {
                var key = engines.Key(variant);
                lock (hybrid)
                {
                    if (!hybrid.TryGetValue(key, out var lazy))
                    {
                        var counter = new CountingChatClient(new OnDeviceChatClient(engines.For(variant)), variant.Name);
                        counters.Add(counter);
                        lazy = new Lazy<AssistantComposition>(() => OpenAssistant(dataRoot, new ShopperAssistantOptions
                        {
                            ChatClient = counter,
                            ChatStageName = "on-device",
                            Prompt = PromptFile.FromFile(AssistantPromptPath(env, variant)),
                        }));
                        hybrid[key] = lazy;
                        assistants.Add(lazy);
                    }

                    return lazy.Value.Assistant;
                }
            },
            Prompts = variant => [PromptFile.FromFile(AssistantPromptPath(env, variant))],
            MaxConcurrency = 1,
            Cacheable = false,
            ModelName = "rules-assistant+basket-vlm",
        });
        return new EvalHarnessComposition(registry, pipeline, engines, assistants, counters, toolModels, log)
        {
            Frames = new JpegFrameThumbnails(() => env.ImagesFolder),
        };
    }

    private static string AssistantPromptPath(EvalEnvironment env, SystemVariant variant) =>
        env.Resolve(variant.Spec.Options.GetValueOrDefault("assistant_prompt", "prompts/assistant/answer.v1.md"));

    // The registry's factories are synchronous; the harness calls them before any case runs, with no sync context.
    private static AssistantComposition OpenAssistant(string? dataRoot, ShopperAssistantOptions? options) =>
        AssistantComposition.OpenAsync(null, dataRoot, null, options).GetAwaiter().GetResult();

    public void Dispose()
    {
        foreach (var stage in _chatStages)
        {
            _log.WriteLine(stage.Describe());
        }

        foreach (var a in _assistants)
        {
            if (a.IsValueCreated)
            {
                a.Value.Dispose();
            }
        }

        _engines.Dispose();
        lock (_toolModels)
        {
            _toolModels.ForEach(m => m.Dispose());
        }

        if (_pipeline.IsValueCreated)
        {
            _pipeline.Value.Dispose();
        }
    }
}
