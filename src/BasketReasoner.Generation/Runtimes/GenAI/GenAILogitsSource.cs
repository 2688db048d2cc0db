using System.Runtime.InteropServices;
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
/// GenAI's own token loop is only used by <see cref="GenAIGuidedGeneration"/>. GenAI's multimodal path knows fixed
/// model types, so images reach this model another way: when <c>model.onnx</c> has the <c>image_features</c> input
/// (<c>export_genai.py --image-input</c>), the features go in through <see cref="Generator.SetModelInput"/> and the
/// graph splices them over the placeholder embeddings; without it image features are refused. Not thread-safe.
/// </summary>
internal sealed class GenAILogitsSource : ILogitsSource, IDisposable
{
    internal const string ImageRefusal =
        "This ONNX Runtime GenAI folder takes no images (its model.onnx has no image_features input, or no vision_encoder.onnx is beside it; export it with export_genai.py): run image prompts with --runtime ort.";

    private readonly GenAIModel _model;
    private readonly GeneratorParams _params;
    private Generator _generator;
    private readonly float[] _logits;
    private readonly int _hidden;
    private readonly int _imageTokenId;
    private readonly bool _imageInput;
    private GCHandle _featuresPin;
    private Tensor? _features;
    private int _generatorLength;
    private bool _disposed;

    public GenAILogitsSource(GenAIModel model, int vocabSize, int maxLength, int hidden = 0, int imageTokenId = -1, bool imageInput = false)
    {
        _hidden = hidden;
        _imageTokenId = imageTokenId;
        _imageInput = imageInput;
        VocabSize = vocabSize;
        MaxLength = maxLength;
        _logits = new float[vocabSize];
        _model = model;
        _params = new GeneratorParams(model);
        _params.SetSearchOption("max_length", maxLength);
        _params.SetSearchOption("batch_size", 1);
        _generator = new Generator(model, _params);
        if (imageInput) SetFeatures([], 0);
    }

    public int VocabSize { get; }

    public int Length { get; private set; }

    public int MaxLength { get; }

    public ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (tokens.IsEmpty) throw new ArgumentException("No tokens to append.", nameof(tokens));
        if (Length + tokens.Length > MaxLength) throw new InvalidOperationException($"The context would hold {Length + tokens.Length} tokens; the generator holds {MaxLength}.");
        foreach (var t in tokens)
        {
            if ((uint)t >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(tokens), t, "Token id outside the vocabulary.");
        }

        int placeholders = 0;
        foreach (var t in tokens)
        {
            if (t == _imageTokenId) placeholders++;
        }

        if (!imageFeatures.IsEmpty || placeholders > 0)
        {
            if (!_imageInput) throw new NotSupportedException(ImageRefusal);
            if (placeholders * _hidden != imageFeatures.Length)
            {
                throw new ArgumentException($"{placeholders} image placeholder tokens need {placeholders * _hidden} feature floats; got {imageFeatures.Length}.", nameof(imageFeatures));
            }

            if (Length > 0) throw new NotSupportedException("Image features can only start a context (GenAI fixes a generator's extra inputs when it first runs).");
            // GenAI keeps the extra inputs a generator first ran with, so an image prompt gets a fresh generator
            _generator.Dispose();
            _generator = new Generator(_model, _params);
            _generatorLength = 0;
            SetFeatures(imageFeatures, placeholders);
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

    // GenAI feeds the extra input on every run until it is replaced; rows past the placeholders are never read, so the
    // last image's features may stay set for later text steps. The pinned copy lives as long as the tensor.
    private void SetFeatures(ReadOnlySpan<float> features, int rows)
    {
        var copy = new float[Math.Max(1, features.Length)];
        features.CopyTo(copy);
        var pin = GCHandle.Alloc(copy, GCHandleType.Pinned);
        var tensor = new Tensor(pin.AddrOfPinnedObject(), [1, rows, _hidden], ElementType.float32);
        _generator.SetModelInput(GenAIModelFolder.ImageInput, tensor);
        _features?.Dispose();
        if (_featuresPin.IsAllocated) _featuresPin.Free();
        _features = tensor;
        _featuresPin = pin;
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
        _features?.Dispose();
        if (_featuresPin.IsAllocated) _featuresPin.Free();
    }
}
