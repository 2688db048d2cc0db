using BasketReasoner.Generation.Engine;
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
        try
        {
            var c = folder.Config;
            int maxLength = options.MaxSequenceLength > 0 ? Math.Min(options.MaxSequenceLength, c.MaxPositionEmbeddings) : c.MaxPositionEmbeddings;
            source = new GenAILogitsSource(folder.Model, c.VocabSize, maxLength);
            var vocabulary = folder.Tokenizer.Vocabulary;
            Func<string, int[]> encode = folder.Tokenizer.Encode;
            var prefixed = c.AddBosToken ? text => [c.BosTokenId!.Value, .. encode(text)] : encode;
            var owner = new Owner(source, folder);
            return new GenerationEngine(source, vocabulary, prefixed, encode, c.ChatTemplate!, c.ImageTokenId, c.ImageSeqLen, images: null, owner,
                Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelDirectory))))
            {
                ImageRefusal = GenAILogitsSource.ImageRefusal,
                Guided = options.UseNativeGuidance ? new GenAIGuidedGeneration(folder.Model, vocabulary, maxLength) : null,
            };
        }
        catch
        {
            source?.Dispose();
            folder.Dispose();
            throw;
        }
    }

    private sealed class Owner(GenAILogitsSource source, GenAIModelFolder folder) : IDisposable
    {
        public void Dispose()
        {
            source.Dispose();
            folder.Dispose();
        }
    }
}
