using System.Runtime.InteropServices;
using BasketReasoner.Generation.KvCache;
using BasketReasoner.Generation.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BasketReasoner.Generation.Engine;

/// <summary>
/// The split-layout decoder as an <see cref="ILogitsSource"/>. Per step: the token embeddings are written into a
/// native buffer (rows cached after their first <c>embed_tokens</c> call), image features are spliced over the image
/// placeholder rows, and the decoder reads its past from views of the current <see cref="KvCacheBuffers"/> and
/// writes its presents straight into the other buffers, so the cache never moves through managed memory. A decode
/// step (one token) runs <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// over OrtValue views cached per (buffer, length) and a fixed logits buffer: nothing is created per token. A
/// prefill (several tokens) goes through an <see cref="OrtIoBinding"/>, lets ONNX Runtime allocate its [1, S, vocab]
/// logits and keeps the last row. Not thread-safe.
/// </summary>
internal sealed unsafe class OnnxLogitsSource : ILogitsSource, IDisposable
{
    private readonly ModelFolder _model;
    private readonly KvCacheBuffers _cache;
    private readonly int _hidden;
    private readonly int _imageTokenId;
    private readonly long* _ids;
    private readonly long* _mask;
    private readonly long* _positions;
    private readonly float* _embeds;
    private readonly float* _stepLogits;
    private readonly bool* _cacheBranch;
    private readonly float[] _logits;
    private readonly OrtMemoryInfo _cpu = OrtMemoryInfo.DefaultInstance;
    private readonly OrtIoBinding _embedBinding;
    private readonly OrtIoBinding _decoderBinding;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _pastNames;
    private readonly string[] _presentNames;
    private readonly List<OrtValue> _stepValues = [];
    // embed_tokens is a per-token lookup: rows seen once are kept, so a decode step skips that session entirely.
    private readonly float[]?[] _embeddingRows;
    private int _cachedRows;
    private readonly OrtValue _decodeEmbeds;
    private readonly OrtValue _decodePositions;
    private readonly OrtValue _decodeLogits;
    // Decode steps run through InferenceSession.Run with views made once per (cache buffer, length) and kept: the
    // buffers never move, so a view stays valid, and a step then creates no OrtValue and marshals no names (Run
    // reuses the session's UTF-8 input names). Lazily filled; at most 4 × layers × (MaxLength + 1) small wrappers.
    private readonly OrtValue?[][] _kvViews;
    private readonly OrtValue?[] _maskViews;
    private readonly string[] _decodeInputNames;
    private readonly string[] _decodeOutputNames;
    private readonly OrtValue[] _decodeInputs;
    private readonly OrtValue[] _decodeOutputs;
    private readonly int _firstPastInput;
    private bool _disposed;

    public OnnxLogitsSource(ModelFolder model, int maxLength)
    {
        _model = model;
        var c = model.Config;
        MaxLength = maxLength;
        VocabSize = c.VocabSize;
        _hidden = c.HiddenSize;
        _imageTokenId = c.ImageTokenId;
        _cache = new KvCacheBuffers(c.NumHiddenLayers, c.NumKeyValueHeads, c.HeadDim, maxLength);
        _ids = (long*)NativeMemory.AlignedAlloc((nuint)maxLength * sizeof(long), 64);
        _mask = (long*)NativeMemory.AlignedAlloc((nuint)maxLength * sizeof(long), 64);
        _positions = (long*)NativeMemory.AlignedAlloc((nuint)maxLength * sizeof(long), 64);
        _embeds = (float*)NativeMemory.AlignedAlloc((nuint)maxLength * (nuint)_hidden * sizeof(float), 64);
        _stepLogits = (float*)NativeMemory.AlignedAlloc((nuint)VocabSize * sizeof(float), 64);
        _cacheBranch = (bool*)NativeMemory.AlignedAlloc(1, 64);
        new Span<long>(_mask, maxLength).Fill(1);
        _logits = new float[VocabSize];
        _embeddingRows = new float[VocabSize][];
        _decodeEmbeds = OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Float, [1, 1, _hidden], (nint)_embeds, (long)_hidden * sizeof(float));
        _decodePositions = OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Int64, [1, 1], (nint)_positions, sizeof(long));
        _decodeLogits = OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Float, [1, 1, VocabSize], (nint)_stepLogits, (long)VocabSize * sizeof(float));
        _kvViews = new OrtValue?[c.NumHiddenLayers * 4][];
        for (int i = 0; i < _kvViews.Length; i++) _kvViews[i] = new OrtValue?[maxLength + 1];
        _maskViews = new OrtValue?[maxLength + 1];
        _embedBinding = model.Embed.CreateIoBinding();
        _decoderBinding = model.Decoder.CreateIoBinding();
        _pastNames = new string[c.NumHiddenLayers * 2];
        _presentNames = new string[c.NumHiddenLayers * 2];
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            _pastNames[2 * i] = $"past_key_values.{i}.key";
            _pastNames[2 * i + 1] = $"past_key_values.{i}.value";
            _presentNames[2 * i] = $"present.{i}.key";
            _presentNames[2 * i + 1] = $"present.{i}.value";
        }

        List<string> inputs = ["inputs_embeds", "attention_mask"];
        if (model.DecoderHasPositionIds) inputs.Add("position_ids");
        if (model.DecoderHasCacheBranch) inputs.Add("use_cache_branch");
        _firstPastInput = inputs.Count;
        _decodeInputNames = [.. inputs, .. _pastNames];
        _decodeOutputNames = ["logits", .. _presentNames];
        _decodeInputs = new OrtValue[_decodeInputNames.Length];
        _decodeOutputs = new OrtValue[_decodeOutputNames.Length];
        _decodeInputs[0] = _decodeEmbeds;
        if (model.DecoderHasPositionIds) _decodeInputs[2] = _decodePositions;
        if (model.DecoderHasCacheBranch)
        {
            *_cacheBranch = true;
            _decodeInputs[inputs.Count - 1] = OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Bool, [1], (nint)_cacheBranch, 1);
        }

        _decodeOutputs[0] = _decodeLogits;
    }

    public int VocabSize { get; }

    public int Length => _cache.Length;

    public int MaxLength { get; }

    /// <summary>Native bytes held by the KV cache.</summary>
    public long CacheBytes => _cache.BytesAllocated;

    internal KvCacheBuffers Cache => _cache;

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

    public void Truncate(int length) => _cache.Truncate(length);

    private void Step(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures, float[]? allLogits)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int s = tokens.Length, past = _cache.Length, total = past + s;
        if (s == 0) throw new ArgumentException("No tokens to append.", nameof(tokens));
        if (total > MaxLength) throw new InvalidOperationException($"The context would hold {total} tokens; the cache holds {MaxLength}.");
        for (int i = 0; i < s; i++)
        {
            if ((uint)tokens[i] >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], "Token id outside the vocabulary.");
            _ids[i] = tokens[i];
            _positions[i] = past + i;
        }

        if (s == 1 && past > 0 && allLogits is null)
        {
            Embed(tokens);
            SpliceImages(tokens, imageFeatures);
            DecodeStep(past);
            return;
        }

        try
        {
            Embed(tokens);
            SpliceImages(tokens, imageFeatures);

            var b = _decoderBinding;
            b.ClearBoundInputs();
            b.ClearBoundOutputs();
            b.BindInput("inputs_embeds", s == 1 ? _decodeEmbeds : Value(TensorElementType.Float, (nint)_embeds, [1, s, _hidden], sizeof(float)));
            b.BindInput("attention_mask", Value(TensorElementType.Int64, (nint)_mask, [1, total], sizeof(long)));
            if (_model.DecoderHasPositionIds)
            {
                b.BindInput("position_ids", s == 1 ? _decodePositions : Value(TensorElementType.Int64, (nint)_positions, [1, s], sizeof(long)));
            }

            if (_model.DecoderHasCacheBranch)
            {
                *_cacheBranch = past > 0;
                b.BindInput("use_cache_branch", Value(TensorElementType.Bool, (nint)_cacheBranch, [1], 1));
            }

            int kvHeads = _cache.KvHeads, headDim = _cache.HeadDim;
            for (int i = 0; i < _pastNames.Length; i++)
            {
                int layer = i / 2;
                bool value = (i & 1) == 1;
                b.BindInput(_pastNames[i], Value(TensorElementType.Float, _cache.Past(layer, value), [1, kvHeads, past, headDim], sizeof(float)));
                b.BindOutput(_presentNames[i], Value(TensorElementType.Float, _cache.Present(layer, value), [1, kvHeads, total, headDim], sizeof(float)));
            }

            if (s == 1)
            {
                b.BindOutput("logits", _decodeLogits);
                _model.Decoder.RunWithBinding(_runOptions, b);
                new ReadOnlySpan<float>(_stepLogits, VocabSize).CopyTo(_logits);
                allLogits?.AsSpan().Clear();
                if (allLogits is not null) _logits.CopyTo(allLogits, 0);
            }
            else
            {
                b.BindOutputToDevice("logits", _cpu);
                _model.Decoder.RunWithBinding(_runOptions, b);
                var names = b.GetOutputNames();
                using var outputs = b.GetOutputValues();
                int index = Array.IndexOf(names, "logits");
                var logits = outputs[index].GetTensorDataAsSpan<float>();
                logits[((s - 1) * VocabSize)..].CopyTo(_logits);
                if (allLogits is not null) logits.CopyTo(allLogits);
            }

            _cache.Commit(s);
        }
        finally
        {
            foreach (var v in _stepValues) v.Dispose();
            _stepValues.Clear();
        }
    }

    /// <summary>One token after a non-empty past: every OrtValue comes from the view caches.</summary>
    private void DecodeStep(int past)
    {
        int total = past + 1;
        *_cacheBranch = true;
        _decodeInputs[1] = _maskViews[total] ??= OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Int64, [1, total], (nint)_mask, (long)total * sizeof(long));
        for (int i = 0; i < _pastNames.Length; i++)
        {
            int layer = i / 2;
            bool value = (i & 1) == 1;
            _decodeInputs[_firstPastInput + i] = KvView(_cache.PastIndex(layer, value), past);
            _decodeOutputs[1 + i] = KvView(_cache.PresentIndex(layer, value), total);
        }

        _model.Decoder.Run(_runOptions, _decodeInputNames, _decodeInputs, _decodeOutputNames, _decodeOutputs);
        new ReadOnlySpan<float>(_stepLogits, VocabSize).CopyTo(_logits);
        _cache.Commit(1);
    }

    private OrtValue KvView(int buffer, int length) =>
        _kvViews[buffer][length] ??= OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Float, [1, _cache.KvHeads, length, _cache.HeadDim],
            _cache.BufferAt(buffer), (long)_cache.KvHeads * length * _cache.HeadDim * sizeof(float));

    private void Embed(ReadOnlySpan<int> tokens)
    {
        int s = tokens.Length;
        var embeds = new Span<float>(_embeds, s * _hidden);
        if (s == 1 && _embeddingRows[tokens[0]] is { } row)
        {
            row.CopyTo(embeds);
            return;
        }

        _embedBinding.ClearBoundInputs();
        _embedBinding.ClearBoundOutputs();
        _embedBinding.BindInput("input_ids", Value(TensorElementType.Int64, (nint)_ids, [1, s], sizeof(long)));
        _embedBinding.BindOutput("inputs_embeds", Value(TensorElementType.Float, (nint)_embeds, [1, s, _hidden], sizeof(float)));
        _model.Embed.RunWithBinding(_runOptions, _embedBinding);
        for (int i = 0; i < s && _cachedRows < MaxCachedRows; i++)
        {
            if (_embeddingRows[tokens[i]] is not null) continue;
            _embeddingRows[tokens[i]] = embeds.Slice(i * _hidden, _hidden).ToArray();
            _cachedRows++;
        }
    }

    // Bounds the row cache (~32 MiB at hidden 2048) for large vocabularies; the tiny and trained VLMs fit whole.
    private int MaxCachedRows => Math.Max(1, (32 << 20) / (_hidden * sizeof(float)));

    private void SpliceImages(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures)
    {
        int placeholders = 0;
        foreach (var t in tokens)
        {
            if (t == _imageTokenId) placeholders++;
        }

        if (imageFeatures.IsEmpty && placeholders == 0) return;
        if (placeholders * _hidden != imageFeatures.Length)
        {
            throw new ArgumentException($"{placeholders} image placeholder tokens need {placeholders * _hidden} feature floats; got {imageFeatures.Length}.", nameof(imageFeatures));
        }

        var embeds = new Span<float>(_embeds, tokens.Length * _hidden);
        int k = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] != _imageTokenId) continue;
            imageFeatures.Slice(k++ * _hidden, _hidden).CopyTo(embeds.Slice(i * _hidden, _hidden));
        }
    }

    private OrtValue Value(TensorElementType type, nint data, long[] shape, int elementSize)
    {
        long count = 1;
        foreach (var d in shape) count *= d;
        var v = OrtValue.CreateTensorValueWithData(_cpu, type, shape, data, count * elementSize);
        _stepValues.Add(v);
        return v;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _decodeEmbeds.Dispose();
        _decodePositions.Dispose();
        _decodeLogits.Dispose();
        if (_model.DecoderHasCacheBranch) _decodeInputs[_firstPastInput - 1].Dispose();
        foreach (var views in _kvViews)
        {
            foreach (var v in views) v?.Dispose();
        }

        foreach (var v in _maskViews) v?.Dispose();
        _embedBinding.Dispose();
        _decoderBinding.Dispose();
        _runOptions.Dispose();
        _cache.Dispose();
        NativeMemory.AlignedFree(_ids);
        NativeMemory.AlignedFree(_mask);
        NativeMemory.AlignedFree(_positions);
        NativeMemory.AlignedFree(_embeds);
        NativeMemory.AlignedFree(_stepLogits);
        NativeMemory.AlignedFree(_cacheBranch);
    }
}
