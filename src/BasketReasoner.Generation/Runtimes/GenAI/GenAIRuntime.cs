using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Vision;
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
            int maxLength = GenerationEngine.ContextLength(options, c);
            source = new GenAILogitsSource(folder.Model, c.VocabSize, maxLength, c.HiddenSize, c.ImageTokenId, folder.HasImageInput);
            if (folder.VisionPath is { } visionPath)
            {
                vision = ModelFolder.OpenVisionEncoder(visionPath, c, options.IntraOpThreads);
                images = new ImageEncoder(vision, c);
            }

            return GenerationEngine.Create(source, folder.Tokenizer, c, images, new Owner(source, images, vision, folder), modelDirectory, GenerationRuntime.GenAI,
                imageRefusal: images is null ? GenAILogitsSource.ImageRefusal : null,
                guided: new GenAIGuidedGeneration(folder.Model, folder.Tokenizer.Vocabulary, maxLength, c.HiddenSize, folder.HasImageInput));
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
