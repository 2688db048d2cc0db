using BasketReasoner.Generation.Engine;
using Microsoft.ML.OnnxRuntimeGenAI;
using GenAIModel = Microsoft.ML.OnnxRuntimeGenAI.Model;

namespace BasketReasoner.Generation.Runtimes.GenAI;

/// <summary>
/// An ONNX Runtime GenAI <see cref="Generator"/> seen as an <see cref="ILogitsSource"/>: tokens go in through
/// <see cref="Generator.AppendTokens"/> (GenAI runs the model and keeps its own KV cache), the next-token logits are the
/// last row of the model's <c>logits</c> output, and <see cref="Truncate"/> is <see cref="Generator.RewindTo"/>, applied
/// lazily before the next append: in GenAI 0.20 two RewindTo calls in a row (what the candidate trie's walk back up
/// does) leave a wrong KV cache (logits off by ~0.5, measured), while one rewind then an append is exact. So the
/// engine's tokenisation, sampling, exact candidate scoring and JSON-schema automaton run unchanged on this runtime;
/// GenAI's own token loop is only used by <see cref="GenAIGuidedGeneration"/>. Text only: GenAI's multimodal path knows
/// fixed model types, so image features are refused. Not thread-safe.
/// </summary>
internal sealed class GenAILogitsSource : ILogitsSource, IDisposable
{
    internal const string ImageRefusal =
        "The genai runtime serves the text path only (ONNX Runtime GenAI's multimodal path knows fixed model types, not this one): run image prompts with --runtime ort.";

    private readonly GeneratorParams _params;
    private readonly Generator _generator;
    private readonly float[] _logits;
    private int _generatorLength;
    private bool _disposed;

    public GenAILogitsSource(GenAIModel model, int vocabSize, int maxLength)
    {
        VocabSize = vocabSize;
        MaxLength = maxLength;
        _logits = new float[vocabSize];
        _params = new GeneratorParams(model);
        _params.SetSearchOption("max_length", maxLength);
        _params.SetSearchOption("batch_size", 1);
        _generator = new Generator(model, _params);
    }

    public int VocabSize { get; }

    public int Length { get; private set; }

    public int MaxLength { get; }

    public ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!imageFeatures.IsEmpty) throw new NotSupportedException(ImageRefusal);
        if (tokens.IsEmpty) throw new ArgumentException("No tokens to append.", nameof(tokens));
        if (Length + tokens.Length > MaxLength) throw new InvalidOperationException($"The context would hold {Length + tokens.Length} tokens; the generator holds {MaxLength}.");
        foreach (var t in tokens)
        {
            if ((uint)t >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(tokens), t, "Token id outside the vocabulary.");
        }

        if (_generatorLength > Length)
        {
            _generator.RewindTo((ulong)Length);
            _generatorLength = Length;
        }

        _generator.AppendTokens(tokens);
        Length += tokens.Length;
        _generatorLength = Length;
        using var output = _generator.GetOutput("logits");
        var data = output.GetData<float>();
        // [1, S, vocab] after a prefill, [1, 1, vocab] after one token: the last row is the next token's
        data[^VocabSize..].CopyTo(_logits);
        return _logits;
    }

    public void Truncate(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < Length) Length = length;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _generator.Dispose();
        _params.Dispose();
    }
}
