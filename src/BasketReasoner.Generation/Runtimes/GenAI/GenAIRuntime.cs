using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Vision;
using BasketReasoner.Vision.Onnx;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace BasketReasoner.Generation.Runtimes.GenAI;

/// <summary>Builds a <see cref="GenerationEngine"/> over ONNX Runtime GenAI, and owns GenAI's process-wide handle.</summary>
internal static class GenAIRuntime
{
    private static readonly Lock s_gate = new();
    private static OgaHandle? s_handle;

    /// <summary>
    /// GenAI wants one <see cref="OgaHandle"/> alive while it is used and disposed before the process exits (else it
    /// reports a missing shutdown on stderr): created on first use, disposed at process exit.
    /// </summary>
    public static void EnsureInitialised()
    {
        lock (s_gate)
        {
            if (s_handle is not null) return;
            s_handle = new OgaHandle();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => s_handle.Dispose();
        }
    }

    public static GenerationEngine Open(string modelDirectory, EngineOptions options)
    {
        if (options.UseInt8Decoder) throw new NotSupportedException("The genai runtime runs the folder's one model.onnx; the int8 decoder is for --runtime ort.");
        var folder = GenAIModelFolder.Open(modelDirectory, options);
        GenAILogitsSource? source = null;
        ImageEncoder? images = null;
        Microsoft.ML.OnnxRuntime.InferenceSession? vision = null;
        try
        {
            var c = folder.Config;
            int maxLength = options.MaxSequenceLength > 0 ? Math.Min(options.MaxSequenceLength, c.MaxPositionEmbeddings) : c.MaxPositionEmbeddings;
            source = new GenAILogitsSource(folder.Model, c.VocabSize, maxLength, c.HiddenSize, c.ImageTokenId, folder.HasImageInput);
            if (folder.VisionPath is { } visionPath)
            {
                vision = OpenVision(visionPath, c, options);
                images = new ImageEncoder(vision, c);
            }

            var vocabulary = folder.Tokenizer.Vocabulary;
            Func<string, int[]> encode = folder.Tokenizer.Encode;
            var prefixed = c.AddBosToken ? text => [c.BosTokenId!.Value, .. encode(text)] : encode;
            var owner = new Owner(source, images, vision, folder);
            return new GenerationEngine(source, vocabulary, prefixed, encode, c.ChatTemplate!, c.ImageTokenId, c.ImageSeqLen, images, owner,
                Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelDirectory))))
            {
                Runtime = GenerationRuntime.GenAI,
                ImageRefusal = images is null ? GenAILogitsSource.ImageRefusal : null,
                Guided = new GenAIGuidedGeneration(folder.Model, vocabulary, maxLength, c.HiddenSize, folder.HasImageInput),
            };
        }
        catch
        {
            images?.Dispose();
            vision?.Dispose();
            source?.Dispose();
            folder.Dispose();
            throw;
        }
    }

    private static Microsoft.ML.OnnxRuntime.InferenceSession OpenVision(string path, ModelConfig c, EngineOptions options)
    {
        Microsoft.ML.OnnxRuntime.InferenceSession session;
        try
        {
            session = new Microsoft.ML.OnnxRuntime.InferenceSession(path, CpuSessionOptions.Create(options.IntraOpThreads));
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new InvalidModelException($"{ModelFolder.VisionFile} could not be loaded by ONNX Runtime: {e.Message}", e);
        }

        if (!session.OutputMetadata.TryGetValue("image_features", out var output) || output.Dimensions is not [_, var rows, var hidden]
            || (rows >= 0 && rows != c.ImageSeqLen) || (hidden >= 0 && hidden != c.HiddenSize))
        {
            session.Dispose();
            throw new InvalidModelException($"{ModelFolder.VisionFile} has no output 'image_features' [batch, {c.ImageSeqLen}, {c.HiddenSize}].");
        }

        return session;
    }

    private sealed class Owner(GenAILogitsSource source, ImageEncoder? images, Microsoft.ML.OnnxRuntime.InferenceSession? vision, GenAIModelFolder folder) : IDisposable
    {
        public void Dispose()
        {
            source.Dispose();
            images?.Dispose();
            vision?.Dispose();
            folder.Dispose();
        }
    }
}
