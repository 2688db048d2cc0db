using BasketReasoner.Eval.Harness.Systems;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Chat;

namespace BasketReasoner.Composition.Eval;

/// <summary>
/// The on-device engines an eval run opens: one per (model folder, decoder), opened on first use and shared by every
/// system variant naming the same pair. Settings of a variant: option <c>model_dir</c> (default <c>models/vlm</c>,
/// relative to the repository root) and parameter or option <c>decoder</c> (<c>fp32</c>, the default, or
/// <c>int8</c> for <c>decoder_model_merged_int8.onnx</c>, or <c>llama-f32</c> / <c>llama-f16</c> / <c>llama-q8_0</c> /
/// <c>llama-q4_0</c> for llama.cpp over the folder's <c>basket-vlm-{type}.gguf</c>).
/// </summary>
public sealed class OnDeviceEngines(EvalEnvironment env) : IDisposable
{
    public const string DefaultModelFolder = "models/vlm";

    private const string ChoosePromptTask = "choose-product";

    private readonly Dictionary<string, GenerationEngine> _open = new(StringComparer.Ordinal);

    public string Key(SystemVariant variant) => $"{ModelFolder(variant)}|{Decoder(variant)}";

    public GenerationEngine For(SystemVariant variant)
    {
        var key = Key(variant);
        lock (_open)
        {
            if (!_open.TryGetValue(key, out var engine))
            {
                engine = GenerationEngine.Open(ModelFolder(variant), Options(variant));
                _open[key] = engine;
            }

            return engine;
        }
    }

    /// <summary><c>prompts/choose-product/on-device.{v}.md</c> for the variant's <c>choose-product</c> version (default v1).</summary>
    public ChoicePromptTemplate ChoiceTemplate(SystemVariant variant)
    {
        return ChoicePromptTemplate.Load(ChoicePromptPath(variant));
    }

    /// <summary>The file <see cref="ChoiceTemplate"/> reads.</summary>
    public string ChoicePromptPath(SystemVariant variant)
    {
        var version = variant.PromptVersions.GetValueOrDefault(ChoosePromptTask, "v1");
        return Path.Combine(env.PromptsFolder, ChoosePromptTask, $"on-device.{version}.md");
    }

    public void Dispose()
    {
        lock (_open)
        {
            foreach (var engine in _open.Values)
            {
                engine.Dispose();
            }

            _open.Clear();
        }
    }

    private string ModelFolder(SystemVariant variant) =>
        env.Resolve(variant.Spec.Options.GetValueOrDefault("model_dir", DefaultModelFolder));

    private static string Decoder(SystemVariant variant) =>
        variant.Parameters.GetValueOrDefault("decoder") ?? variant.Spec.Options.GetValueOrDefault("decoder", "fp32");

    private static EngineOptions Options(SystemVariant variant)
    {
        var value = Decoder(variant);
        return value switch
        {
            "fp32" => new EngineOptions(),
            "int8" => new EngineOptions { UseInt8Decoder = true },
            "llama-f32" => new EngineOptions { Runtime = GenerationRuntime.Llama, GgufQuantization = GgufQuantization.F32 },
            "llama-f16" => new EngineOptions { Runtime = GenerationRuntime.Llama, GgufQuantization = GgufQuantization.F16 },
            "llama-q8_0" => new EngineOptions { Runtime = GenerationRuntime.Llama, GgufQuantization = GgufQuantization.Q8_0 },
            "llama-q4_0" => new EngineOptions { Runtime = GenerationRuntime.Llama, GgufQuantization = GgufQuantization.Q4_0 },
            _ => throw new InvalidDataException($"system '{variant.Name}': decoder must be fp32, int8, llama-f32, llama-f16, llama-q8_0 or llama-q4_0, not '{value}'"),
        };
    }
}
