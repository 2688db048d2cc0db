using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Runtimes.Llama;

/// <summary>
/// llama.cpp (through LLamaSharp) as an <see cref="ILogitsSource"/>: one context, sequence 0. Text tokens go in a
/// <see cref="LLamaBatch"/>; each run of image placeholder tokens goes in a <see cref="LLamaBatchEmbeddings"/> of the
/// image features at the same positions, so the decoder sees exactly what the ONNX engine splices. A mixed append is
/// several decodes in order (a llama.cpp batch holds tokens or embeddings, not both); only the last position asks for
/// logits. <see cref="Truncate"/> removes the KV cells of sequence 0 from that position on. The KV cache is F32 so
/// the f32 GGUF matches PyTorch within 1e-3. Not thread-safe.
/// </summary>
internal sealed class LlamaLogitsSource : ILogitsSource, IGrammarSampling, IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _tokens = new();
    private readonly LLamaBatchEmbeddings _embeddings;
    private readonly float[] _logits;
    private readonly int _hidden;
    private readonly int _imageTokenId;
    // Index, in the last decoded batch, of the row whose logits Append returned (what a native sampler reads).
    private int _lastRow;
    private bool _disposed;

    private LlamaLogitsSource(LLamaWeights weights, LLamaContext context, ModelConfig config, int maxLength, string file)
    {
        _weights = weights;
        _context = context;
        _hidden = config.HiddenSize;
        _imageTokenId = config.ImageTokenId;
        _embeddings = new LLamaBatchEmbeddings(_hidden);
        VocabSize = config.VocabSize;
        MaxLength = maxLength;
        File = file;
        _logits = new float[VocabSize];
    }

    public int VocabSize { get; }

    public int Length { get; private set; }

    public int MaxLength { get; }

    /// <summary>The GGUF file this source runs.</summary>
    public string File { get; }

    /// <summary>Opens the folder's GGUF (see <see cref="GgufFile.Resolve"/>) with a context of <paramref name="maxLength"/> tokens.</summary>
    /// <exception cref="InvalidModelException">The GGUF is missing, malformed or does not match config.json.</exception>
    public static LlamaLogitsSource Open(string directory, ModelConfig config, EngineOptions options, int maxLength)
    {
        var path = GgufFile.Resolve(directory, options);
        var weights = GgufFile.Load(path, config, options.IntraOpThreads);
        try
        {
            var parameters = new ModelParams(path)
            {
                ContextSize = (uint)maxLength,
                BatchSize = (uint)maxLength,
                UBatchSize = (uint)maxLength,
                SeqMax = 1,
                Threads = options.IntraOpThreads,
                BatchThreads = options.IntraOpThreads,
                // F16 cells (the default) would cost ~1e-3 of logit error on their own.
                TypeK = GGMLType.GGML_TYPE_F32,
                TypeV = GGMLType.GGML_TYPE_F32,
                FlashAttention = false,
            };
            var context = weights.CreateContext(parameters);
            return new LlamaLogitsSource(weights, context, config, maxLength, path);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures = default)
    {
        Step(tokens, imageFeatures, null);
        return _logits;
    }

    /// <summary>Like <see cref="Append"/> but returns the logits of every appended position, [S × vocab] (parity tests).</summary>
    public float[] AppendAll(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures = default)
    {
        var all = new float[tokens.Length * VocabSize];
        Step(tokens, imageFeatures, all);
        return all;
    }

    public void Truncate(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)length > (uint)Length) throw new ArgumentOutOfRangeException(nameof(length), length, $"The context holds {Length} tokens.");
        if (length == Length) return;
        _context.NativeHandle.MemorySequenceRemove(LLamaSeqId.Zero, length, -1);
        Length = length;
    }

    private void Step(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures, float[]? all)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int s = tokens.Length, past = Length;
        if (s == 0) throw new ArgumentException("No tokens to append.", nameof(tokens));
        if (past + s > MaxLength) throw new InvalidOperationException($"The context would hold {past + s} tokens; the cache holds {MaxLength}.");
        int placeholders = 0;
        foreach (var t in tokens)
        {
            if ((uint)t >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(tokens), t, "Token id outside the vocabulary.");
            if (t == _imageTokenId) placeholders++;
        }

        // Placeholders without features run as the plain token (as the ONNX engine does when none are given).
        bool splice = !imageFeatures.IsEmpty;
        if (splice && placeholders * _hidden != imageFeatures.Length)
        {
            throw new ArgumentException($"{placeholders} image placeholder tokens need {placeholders * _hidden} feature floats; got {imageFeatures.Length}.", nameof(imageFeatures));
        }

        int feature = 0;
        try
        {
            for (int start = 0; start < s;)
            {
                bool image = splice && tokens[start] == _imageTokenId;
                int end = start + 1;
                while (end < s && (splice && tokens[end] == _imageTokenId) == image) end++;
                if (image)
                {
                    _embeddings.Clear();
                    for (int i = start; i < end; i++)
                    {
                        _embeddings.Add(imageFeatures.Slice(feature++ * _hidden, _hidden), past + i, LLamaSeqId.Zero, all is not null || i == s - 1);
                    }

                    Check(_context.Decode(_embeddings));
                }
                else
                {
                    _tokens.Clear();
                    for (int i = start; i < end; i++) _tokens.Add((LLamaToken)tokens[i], past + i, LLamaSeqId.Zero, all is not null || i == s - 1);
                    Check(_context.Decode(_tokens));
                }

                if (all is not null)
                {
                    for (int i = start; i < end; i++) _context.NativeHandle.GetLogitsIth(i - start).CopyTo(all.AsSpan(i * VocabSize, VocabSize));
                }
                else if (end == s)
                {
                    _context.NativeHandle.GetLogitsIth(end - 1 - start).CopyTo(_logits);
                }

                _lastRow = end - 1 - start;

                Length = past + end;
                start = end;
            }

            if (all is not null) all.AsSpan((s - 1) * VocabSize, VocabSize).CopyTo(_logits);
        }
        catch
        {
            // A failed decode leaves the cache at the last whole run; drop the partial append so Length stays true.
            Truncate(past);
            throw;
        }
    }

    public IGrammarSampler CreateGrammarSampler(string gbnf, SamplingOptions sampling, IReadOnlyCollection<int> banned)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pipeline = new DefaultSamplingPipeline
        {
            Grammar = new Grammar(gbnf, "root"),
            Temperature = sampling.Temperature,
            TopK = sampling.TopK > 0 ? sampling.TopK : VocabSize,
            TopP = sampling.TopP,
            MinP = 0,
            RepeatPenalty = sampling.RepetitionPenalty,
            Seed = sampling.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
            LogitBias = banned.ToDictionary(id => (LLamaToken)id, _ => float.NegativeInfinity),
        };
        return new GrammarSampler(this, pipeline);
    }

    private sealed class GrammarSampler(LlamaLogitsSource source, DefaultSamplingPipeline pipeline) : IGrammarSampler
    {
        // DefaultSamplingPipeline.Sample already accepts the token into the grammar; a second Accept aborts natively.
        public int Sample() => (int)pipeline.Sample(source._context.NativeHandle, source._lastRow);

        public void Dispose() => pipeline.Dispose();
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {result}.");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _context.Dispose();
        _weights.Dispose();
    }
}
