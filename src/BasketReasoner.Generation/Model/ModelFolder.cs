using BasketReasoner.Generation.Tokenization;
using BasketReasoner.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BasketReasoner.Generation.Model;

/// <summary>
/// Opens and checks a model folder in the split layout: <c>config.json</c>, <c>tokenizer.json</c>,
/// <c>embed_tokens.onnx</c>, <c>decoder_model_merged.onnx</c> (or its int8 twin) and, for image input,
/// <c>vision_encoder.onnx</c>. Every ONNX input and output the engine binds is checked by name, element type and
/// every fixed dimension against the config, so a mismatched export fails at load with the file and tensor named.
/// </summary>
internal sealed class ModelFolder : IDisposable
{
    public const string ConfigFile = "config.json";
    public const string TokenizerFile = "tokenizer.json";
    public const string EmbedFile = "embed_tokens.onnx";
    public const string DecoderFile = "decoder_model_merged.onnx";
    public const string DecoderInt8File = "decoder_model_merged_int8.onnx";
    public const string VisionFile = "vision_encoder.onnx";

    private readonly InferenceSession? _embed;
    private readonly InferenceSession? _decoder;

    private ModelFolder(string directory, ModelConfig config, ModelTokenizer tokenizer, InferenceSession? embed, InferenceSession? decoder, InferenceSession? vision, string decoderPath)
    {
        Directory = directory;
        Config = config;
        Tokenizer = tokenizer;
        _embed = embed;
        _decoder = decoder;
        Vision = vision;
        DecoderPath = decoderPath;
    }

    public string Directory { get; }
    public ModelConfig Config { get; }
    public ModelTokenizer Tokenizer { get; }
    /// <summary>The ONNX embedding table; only the <see cref="GenerationRuntime.Ort"/> runtime loads it.</summary>
    public InferenceSession Embed => _embed ?? throw new InvalidOperationException($"{EmbedFile} is not loaded for this runtime.");

    /// <summary>The ONNX decoder; only the <see cref="GenerationRuntime.Ort"/> runtime loads it.</summary>
    public InferenceSession Decoder => _decoder ?? throw new InvalidOperationException($"{DecoderFile} is not loaded for this runtime.");
    public InferenceSession? Vision { get; }
    public string DecoderPath { get; }
    public bool DecoderHasPositionIds => Decoder.InputMetadata.ContainsKey("position_ids");
    public bool DecoderHasCacheBranch => Decoder.InputMetadata.ContainsKey("use_cache_branch");

    /// <exception cref="InvalidModelException">A file is missing or does not match.</exception>
    public static ModelFolder Open(string directory, EngineOptions options)
    {
        if (!System.IO.Directory.Exists(directory)) throw new InvalidModelException($"Model folder '{directory}' does not exist.");
        string Require(string name)
        {
            var path = Path.Combine(directory, name);
            return File.Exists(path) ? path : throw new InvalidModelException($"Model folder '{directory}' has no {name}.");
        }

        var config = ModelConfig.Load(Require(ConfigFile));
        var tokenizer = ModelTokenizer.Load(Require(TokenizerFile), config.VocabSize, config.EosTokenIds);
        if (config.ImageSeqLen > 0)
        {
            if (!tokenizer.SpecialTokens.TryGetValue(config.ImageToken, out var imageId))
            {
                throw new InvalidModelException($"{TokenizerFile}: image token '{config.ImageToken}' is not an added token.");
            }

            if (imageId != config.ImageTokenId)
            {
                throw new InvalidModelException($"{TokenizerFile}: image token '{config.ImageToken}' has id {imageId}, config says image_token_id {config.ImageTokenId}.");
            }
        }

        // Other runtimes bring their own decoder (a GGUF for llama.cpp) and only share the tokenizer and vision encoder.
        bool onnxDecoder = options.Runtime == GenerationRuntime.Ort;
        string decoderName = options.UseInt8Decoder ? DecoderInt8File : DecoderFile;
        var decoderPath = onnxDecoder ? Require(decoderName) : "";
        var embedPath = onnxDecoder ? Require(EmbedFile) : "";
        var visionPath = Path.Combine(directory, VisionFile);

        var sessionOptions = CpuSessionOptions.Create(options.IntraOpThreads);
        var sessions = new List<IDisposable>();
        try
        {
            var embed = onnxDecoder ? Load(embedPath, sessionOptions, sessions) : null;
            var decoder = onnxDecoder ? Load(decoderPath, sessionOptions, sessions) : null;
            var vision = config.ImageSeqLen > 0 && File.Exists(visionPath) ? Load(visionPath, sessionOptions, sessions) : null;
            if (embed is not null) Check(embed, EmbedFile, config, decoderName);
            if (decoder is not null) Check(decoder, decoderName, config, decoderName);
            if (vision is not null) Check(vision, VisionFile, config, decoderName);
            return new ModelFolder(directory, config, tokenizer, embed, decoder, vision, decoderPath);
        }
        catch
        {
            foreach (var s in sessions) s.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens and checks a vision encoder on its own, for a runtime whose decoder is not in this layout (GenAI): the same
    /// checks as <see cref="Open"/> makes of <see cref="VisionFile"/>.
    /// </summary>
    /// <exception cref="InvalidModelException">The file does not load or does not match the config.</exception>
    internal static InferenceSession OpenVisionEncoder(string path, ModelConfig config, int intraOpThreads)
    {
        var session = Load(path, CpuSessionOptions.Create(intraOpThreads), []);
        try
        {
            Check(session, VisionFile, config, VisionFile);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static InferenceSession Load(string path, SessionOptions options, List<IDisposable> opened)
    {
        try
        {
            var session = new InferenceSession(path, options);
            opened.Add(session);
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException($"{Path.GetFileName(path)} could not be loaded by ONNX Runtime: {e.Message}", e);
        }
    }

    private static void Check(InferenceSession session, string file, ModelConfig c, string decoderName)
    {
        // -1 = any (symbolic) dimension
        var kv = new[] { -1, c.NumKeyValueHeads, -1, c.HeadDim };
        switch (file)
        {
            case EmbedFile:
                Expect(session.InputMetadata, file, "input", "input_ids", TensorElementType.Int64, [-1, -1]);
                Expect(session.OutputMetadata, file, "output", "inputs_embeds", TensorElementType.Float, [-1, -1, c.HiddenSize]);
                break;
            case VisionFile:
                Expect(session.InputMetadata, file, "input", "pixel_values", TensorElementType.Float, [-1, 3, c.ImageSize, c.ImageSize]);
                Expect(session.OutputMetadata, file, "output", "image_features", TensorElementType.Float, [-1, c.ImageSeqLen, c.HiddenSize]);
                break;
            default:
                Expect(session.InputMetadata, decoderName, "input", "inputs_embeds", TensorElementType.Float, [-1, -1, c.HiddenSize]);
                Expect(session.InputMetadata, decoderName, "input", "attention_mask", TensorElementType.Int64, [-1, -1]);
                if (session.InputMetadata.ContainsKey("position_ids"))
                {
                    Expect(session.InputMetadata, decoderName, "input", "position_ids", TensorElementType.Int64, [-1, -1]);
                }

                Expect(session.OutputMetadata, decoderName, "output", "logits", TensorElementType.Float, [-1, -1, c.VocabSize]);
                for (int i = 0; i < c.NumHiddenLayers; i++)
                {
                    foreach (var part in (string[])["key", "value"])
                    {
                        Expect(session.InputMetadata, decoderName, "input", $"past_key_values.{i}.{part}", TensorElementType.Float, kv);
                        Expect(session.OutputMetadata, decoderName, "output", $"present.{i}.{part}", TensorElementType.Float, kv);
                    }
                }

                int pastInputs = session.InputMetadata.Keys.Count(k => k.StartsWith("past_key_values.", StringComparison.Ordinal));
                if (pastInputs != 2 * c.NumHiddenLayers)
                {
                    throw new InvalidModelException($"{decoderName} has {pastInputs / 2} cached layers; config.json says num_hidden_layers = {c.NumHiddenLayers}.");
                }

                break;
        }
    }

    private static void Expect(IReadOnlyDictionary<string, NodeMetadata> metadata, string file, string kind, string name, TensorElementType type, int[] shape)
    {
        if (!metadata.TryGetValue(name, out var m))
        {
            throw new InvalidModelException($"{file} has no {kind} '{name}' (it has: {string.Join(", ", metadata.Keys.Take(8))}{(metadata.Count > 8 ? ", ..." : "")}).");
        }

        if (m.ElementDataType != type)
        {
            throw new InvalidModelException($"{file} {kind} '{name}' is {m.ElementDataType}; expected {type}.");
        }

        var dims = m.Dimensions;
        if (dims.Length != shape.Length)
        {
            throw new InvalidModelException($"{file} {kind} '{name}' has rank {dims.Length}; expected {shape.Length}.");
        }

        for (int i = 0; i < dims.Length; i++)
        {
            if (shape[i] >= 0 && dims[i] >= 0 && dims[i] != shape[i])
            {
                throw new InvalidModelException($"{file} {kind} '{name}' dimension {i} is {dims[i]}; config.json implies {shape[i]}.");
            }
        }
    }

    public void Dispose()
    {
        _embed?.Dispose();
        _decoder?.Dispose();
        Vision?.Dispose();
    }
}
