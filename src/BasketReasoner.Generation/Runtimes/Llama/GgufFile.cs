using System.Buffers.Binary;
using BasketReasoner.Generation.Model;
using LLama;
using LLama.Common;
using LLama.Exceptions;

namespace BasketReasoner.Generation.Runtimes.Llama;

/// <summary>
/// Finds and loads a model folder's GGUF decoder. The header is read first so the common mistakes (no file, not a
/// GGUF file, an old version) fail with the file named before llama.cpp sees it; anything llama.cpp then rejects
/// (a truncated file, missing tensors) becomes the same <see cref="InvalidModelException"/> with its reason.
/// </summary>
internal static class GgufFile
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian

    /// <summary>The exporter's file name for a weight type: <c>basket-vlm-q8_0.gguf</c>.</summary>
    public static string FileName(GgufQuantization type) => $"basket-vlm-{type.ToString().ToLowerInvariant()}.gguf";

    /// <summary>The GGUF the options point at: <see cref="EngineOptions.GgufPath"/> (relative to the folder) or the exporter's name.</summary>
    public static string Resolve(string directory, EngineOptions options) =>
        string.IsNullOrEmpty(options.GgufPath) ? Path.Combine(directory, FileName(options.GgufQuantization)) : Path.GetFullPath(options.GgufPath, Path.GetFullPath(directory));

    /// <exception cref="InvalidModelException">Missing, not GGUF, or not loadable by llama.cpp, or not the config's geometry.</exception>
    public static LLamaWeights Load(string path, ModelConfig config, int threads)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new InvalidModelException($"{name}: no such GGUF file ({path}); write it with models/training/vlm/export_gguf.py.");
        Span<byte> head = stackalloc byte[8];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8) throw new InvalidModelException($"{name} is {stream.Length} bytes: too short for a GGUF header.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(head) != Magic) throw new InvalidModelException($"{name} is not a GGUF file (bad magic).");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (version is < 2 or > 3) throw new InvalidModelException($"{name} is GGUF version {version}; llama.cpp reads versions 2 and 3.");

        LlamaNative.EnsureConfigured();
        LlamaNative.TakeErrors();
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(new ModelParams(path) { GpuLayerCount = 0, Threads = threads });
        }
        catch (LoadWeightsFailedException e)
        {
            var why = LlamaNative.TakeErrors();
            throw new InvalidModelException($"{name} could not be loaded by llama.cpp{(why.Length > 0 ? ": " + why : " (truncated or not a llama model)")}.", e);
        }

        try
        {
            if (weights.Vocab.Count != config.VocabSize) throw new InvalidModelException($"{name} has {weights.Vocab.Count} tokens; config.json says vocab_size = {config.VocabSize}.");
            if (weights.EmbeddingSize != config.HiddenSize) throw new InvalidModelException($"{name} has embedding length {weights.EmbeddingSize}; config.json says hidden_size = {config.HiddenSize}.");
            if (weights.NativeHandle.LayerCount != config.NumHiddenLayers) throw new InvalidModelException($"{name} has {weights.NativeHandle.LayerCount} layers; config.json says num_hidden_layers = {config.NumHiddenLayers}.");
            return weights;
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }
}
