using System.Globalization;
using System.Text.Json;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Tokenization;
using Microsoft.ML.OnnxRuntimeGenAI;
using GenAIModel = Microsoft.ML.OnnxRuntimeGenAI.Model;

namespace BasketReasoner.Generation.Runtimes.GenAI;

/// <summary>
/// Opens and checks an ONNX Runtime GenAI folder (written by <c>models/training/vlm/export_genai.py</c>):
/// <c>genai_config.json</c>, the decoder it names (<c>model.onnx</c>: embeddings and decoder in one graph),
/// <c>tokenizer.json</c> / <c>tokenizer_config.json</c> (GenAI's tokenizer, which its guidance needs) and the engine's
/// own <c>config.json</c> (chat template, special ids). The folder may be given directly or as the <c>genai</c>
/// subfolder of a split-layout model folder. Every failure is one <see cref="InvalidModelException"/> naming the file.
/// </summary>
internal sealed class GenAIModelFolder : IDisposable
{
    public const string GenAIConfigFile = "genai_config.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";
    public const string SubFolder = "genai";

    public const string ImageInput = "image_features";

    private GenAIModelFolder(string directory, ModelConfig config, ModelTokenizer tokenizer, Config genaiConfig, GenAIModel model)
    {
        Directory = directory;
        Config = config;
        Tokenizer = tokenizer;
        GenAIConfig = genaiConfig;
        Model = model;
    }

    public string Directory { get; }
    public ModelConfig Config { get; }
    public ModelTokenizer Tokenizer { get; }
    public Config GenAIConfig { get; }
    public GenAIModel Model { get; }

    /// <summary>model.onnx takes <c>image_features</c> (export_genai.py --image-input).</summary>
    public bool HasImageInput { get; private init; }

    /// <summary>The vision encoder for image prompts: in the folder, else in its parent (the split-layout folder).</summary>
    public string? VisionPath { get; private init; }

    /// <summary>The folder holding genai_config.json: <paramref name="directory"/> itself, else its genai subfolder.</summary>
    public static string Resolve(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new InvalidModelException($"Model folder '{directory}' does not exist.");
        if (File.Exists(Path.Combine(directory, GenAIConfigFile))) return directory;
        var sub = Path.Combine(directory, SubFolder);
        if (System.IO.Directory.Exists(sub)) return sub;
        throw new InvalidModelException($"Model folder '{directory}' has no {GenAIConfigFile} (nor a {SubFolder}/ folder with one); write it with models/training/vlm/export_genai.py.");
    }

    /// <exception cref="InvalidModelException">A file is missing, unreadable or does not match config.json.</exception>
    public static GenAIModelFolder Open(string directory, EngineOptions options)
    {
        var dir = Resolve(directory);
        string Require(string name)
        {
            var path = Path.Combine(dir, name);
            return File.Exists(path) ? path : throw new InvalidModelException($"Model folder '{dir}' has no {name}.");
        }

        var genaiPath = Require(GenAIConfigFile);
        var config = ModelConfig.Load(Require(ModelFolder.ConfigFile));
        var tokenizer = ModelTokenizer.Load(Require(ModelFolder.TokenizerFile), config.VocabSize, config.EosTokenIds);
        Require(TokenizerConfigFile);
        var decoderFile = CheckGenAIConfig(genaiPath, config);
        Require(decoderFile);

        GenAIRuntime.EnsureInitialised();
        Config? genaiConfig = null;
        try
        {
            try
            {
                genaiConfig = new Config(dir);
                // the session options in genai_config.json are the export's; the engine's thread count wins
                var threads = options.IntraOpThreads.ToString(CultureInfo.InvariantCulture);
                genaiConfig.Overlay("""{"model":{"decoder":{"session_options":{"intra_op_num_threads":""" + threads + ""","inter_op_num_threads":1}}}}""");
            }
            catch (OnnxRuntimeGenAIException e)
            {
                throw new InvalidModelException($"{GenAIConfigFile} could not be read by ONNX Runtime GenAI: {e.Message}", e);
            }

            GenAIModel model;
            try
            {
                model = new GenAIModel(genaiConfig);
            }
            catch (OnnxRuntimeGenAIException e)
            {
                throw new InvalidModelException($"{decoderFile} could not be loaded by ONNX Runtime GenAI: {e.Message}", e);
            }

            bool imageInput;
            // GenAI does not list a model's inputs; ONNX Runtime reads them (one thread: nothing runs)
            using (var sessionOptions = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 })
            using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(dir, decoderFile), sessionOptions))
            {
                imageInput = session.InputMetadata.ContainsKey(ImageInput);
            }

            string? vision = null;
            if (imageInput && config.ImageSeqLen > 0)
            {
                vision = new[] { dir, Path.GetDirectoryName(Path.GetFullPath(dir)) ?? dir }
                    .Select(d => Path.Combine(d, ModelFolder.VisionFile)).FirstOrDefault(File.Exists);
            }

            return new GenAIModelFolder(dir, config, tokenizer, genaiConfig, model) { HasImageInput = imageInput, VisionPath = vision };
        }
        catch
        {
            genaiConfig?.Dispose();
            throw;
        }
    }

    /// <summary>Checks genai_config.json against config.json before GenAI reads it; returns the decoder's file name.</summary>
    private static string CheckGenAIConfig(string path, ModelConfig c)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidModelException($"{GenAIConfigFile} is not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object
                || !model.TryGetProperty("decoder", out var decoder) || decoder.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidModelException($"{GenAIConfigFile} has no model.decoder section.");
            }

            int Int(JsonElement e, string name, string where) =>
                e.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : throw new InvalidModelException($"{GenAIConfigFile} has no integer {where}.{name}.");
            void Same(int got, int expected, string what)
            {
                if (got != expected) throw new InvalidModelException($"{GenAIConfigFile} says {what} = {got}; {ModelFolder.ConfigFile} says {expected}.");
            }

            Same(Int(model, "vocab_size", "model"), c.VocabSize, "vocab_size");
            Same(Int(decoder, "num_hidden_layers", "model.decoder"), c.NumHiddenLayers, "num_hidden_layers");
            Same(Int(decoder, "num_key_value_heads", "model.decoder"), c.NumKeyValueHeads, "num_key_value_heads");
            Same(Int(decoder, "head_size", "model.decoder"), c.HeadDim, "head_size");
            Same(Int(decoder, "hidden_size", "model.decoder"), c.HiddenSize, "hidden_size");
            return decoder.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(f.GetString())
                ? f.GetString()!
                : throw new InvalidModelException($"{GenAIConfigFile} has no model.decoder.filename.");
        }
    }

    public void Dispose()
    {
        Model.Dispose();
        GenAIConfig.Dispose();
    }
}
