using System.CommandLine;
using System.Globalization;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket generate</c>: streams the on-device model's answer to a prompt (and optional image); with
/// <c>--choices</c> scores each candidate exactly and prints the chosen one and every probability; with
/// <c>--json-schema</c> the output is constrained to the schema.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder (split ONNX layout)", Required = true };
        var image = new Option<string?>("--image") { Description = "JPEG/PNG image to attach to the prompt" };
        var prompt = new Option<string>("--prompt") { Description = "User message", Required = true };
        var system = new Option<string?>("--system") { Description = "System message" };
        var choices = new Option<string?>("--choices") { Description = "Candidates separated by '|': answer is one of them" };
        var schema = new Option<string?>("--json-schema") { Description = "JSON schema file the answer must validate against" };
        var temperature = new Option<float>("--temperature") { Description = "0 = greedy", DefaultValueFactory = _ => 0f }.AtLeast(0f);
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling mass (0, 1]", DefaultValueFactory = _ => 1f }.Between(0f, 1f);
        var topK = new Option<int>("--top-k") { Description = "Sample among the K likeliest tokens; 0 = all", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var seed = new Option<int?>("--seed");
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate", DefaultValueFactory = _ => 128 }.AtLeast(1);
        var int8 = new Option<bool>("--int8") { Description = "Use decoder_model_merged_int8.onnx" };
        var runtime = new Option<GenerationRuntime>("--runtime") { Description = "ort (own engine), llama (LLamaSharp) or genai (ONNX Runtime GenAI)", DefaultValueFactory = _ => GenerationRuntime.Ort };
        var gguf = new Option<GgufQuantization>("--gguf") { Description = "With --runtime llama: which basket-vlm-{type}.gguf (f32, f16, q8_0, q4_0)", DefaultValueFactory = _ => GgufQuantization.Q8_0 };
        var grammar = new Option<bool>("--grammar") { Description = "With --json-schema: enforce it by the runtime's own constrained decoding (llama: a GBNF grammar in its sampler; genai: its guidance and token loop) instead of the engine's shared automaton" };
        var cmd = new Command("generate", "Run the on-device generative model")
        {
            model, image, prompt, system, choices, schema, temperature, topP, topK, seed, maxTokens, int8, runtime, gguf, grammar,
        };
        cmd.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            try
            {
                using var engine = GenerationEngine.Open(parse.GetValue(model)!, new EngineOptions
                {
                    UseInt8Decoder = parse.GetValue(int8), Runtime = parse.GetValue(runtime), GgufQuantization = parse.GetValue(gguf),
                });
                var messages = new List<PromptMessage>();
                if (parse.GetValue(system) is { } s) messages.Add(new PromptMessage(PromptRole.System, s));
                IReadOnlyList<ReadOnlyMemory<byte>> images = parse.GetValue(image) is { } path ? [File.ReadAllBytes(path)] : [];
                messages.Add(new PromptMessage(PromptRole.User, parse.GetValue(prompt)!, images));

                if (parse.GetValue(choices) is { } list)
                {
                    var candidates = list.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var choice = await engine.ChooseAsync(messages, candidates, ct);
                    stdout.WriteLine(choice.Text);
                    for (int i = 0; i < candidates.Length; i++)
                    {
                        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {choice.Probabilities[i],7:P2}  logp {choice.LogProbabilities[i],9:F3}  {candidates[i]}"));
                    }

                    return 0;
                }

                var options = new GenerationOptions
                {
                    MaxNewTokens = parse.GetValue(maxTokens),
                    JsonSchema = parse.GetValue(schema) is { } schemaPath ? File.ReadAllText(schemaPath) : null,
                    UseRuntimeGrammar = parse.GetValue(grammar),
                    Sampling = new SamplingOptions
                    {
                        Temperature = parse.GetValue(temperature),
                        TopP = parse.GetValue(topP),
                        TopK = parse.GetValue(topK),
                        Seed = parse.GetValue(seed),
                    },
                };
                var watch = System.Diagnostics.Stopwatch.StartNew();
                double? first = null;
                await foreach (var u in engine.GenerateAsync(messages, options, ct))
                {
                    first ??= watch.Elapsed.TotalMilliseconds;
                    stdout.Write(u.Text);
                    stdout.Flush();
                    if (u.Finish is { } finish)
                    {
                        stdout.WriteLine();
                        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"[{finish}; prompt {u.PromptTokens} tokens, generated {u.GeneratedTokens}; first token {first:F1} ms, total {watch.Elapsed.TotalMilliseconds:F1} ms]"));
                    }
                }

                return 0;
            }
            catch (Exception e) when (e is InvalidModelException or NotSupportedException)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }));
        return cmd;
    }
}
