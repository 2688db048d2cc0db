using System.Numerics.Tensors;
using BasketReasoner.Core.Vision;
using BasketReasoner.Vision.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace BasketReasoner.Vision.Onnx;

/// <summary>
/// The product recognizer on ONNX Runtime: pixels (a frame or a crop view; encoded bytes are decoded once first) →
/// <see cref="FramePreprocessor"/> writing straight into the bound input tensor → <c>recognizer.onnx</c> →
/// probabilities and an L2-normalised embedding. Input and output tensors are pinned arrays bound once, so a call
/// allocates no tensors. Not thread-safe: one instance per worker; <see cref="CreateWorker"/> gives another worker
/// that shares this one's session (ONNX Runtime's <c>Run</c> is thread-safe) with its own buffers and binding.
/// </summary>
public sealed class OnnxProductRecognizer : IProductRecognizer
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly FramePreprocessor _preprocessor;
    private readonly int _views;
    private readonly float[] _input;
    private readonly float[] _probs;
    private readonly float[] _embedding;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly OrtIoBinding _binding;
    private readonly OnnxProductRecognizer? _owner;

    public OnnxProductRecognizer(string modelFolder, OnnxRecognizerOptions? options = null)
    {
        options ??= new OnnxRecognizerOptions();
        Card = RecognizerModelCard.Load(modelFolder);
        var precision = options.Precision ?? Card.DefaultPrecision;
        var modelFile = RecognizerModelCard.ModelFile(precision);
        var modelPath = Path.Combine(modelFolder, modelFile);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                precision == RecognizerPrecision.Float32
                    ? $"Recognizer folder '{modelFolder}' has no {modelFile}."
                    : $"Recognizer folder '{modelFolder}' has no {modelFile} for precision {precision}{(options.Precision is null ? $" (its {RecognizerModelCard.FileName} default_precision)" : "")}; write it with " +
                      "models/training/resnet18/quantize_recognizer.py or run Float32.",
                modelPath);
        }

        using var so = CpuSessionOptions.Create(options.IntraOpThreads);
        _session = new InferenceSession(modelPath, so);
        Validate(_session, Card, modelPath);
        _views = options.MirrorAveraging ? 2 : 1;
        Precision = precision;
        Graph = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelFolder)))}/{modelFile} " +
            $"({RecognizerPrecisionNames.Name(precision)}, {(_views == 2 ? "two views" : "one view")})";
        (_preprocessor, _input, _probs, _embedding, _inputValues, _outputValues, _binding) = Bind();
    }

    // A worker: the owner's session and card, its own buffers; disposing it leaves the session to the owner.
    private OnnxProductRecognizer(OnnxProductRecognizer owner)
    {
        _owner = owner;
        Card = owner.Card;
        Precision = owner.Precision;
        Graph = owner.Graph;
        _session = owner._session;
        _views = owner._views;
        (_preprocessor, _input, _probs, _embedding, _inputValues, _outputValues, _binding) = Bind();
    }

    /// <summary>Which graph of the folder this recognizer runs.</summary>
    public RecognizerPrecision Precision { get; }

    /// <summary>
    /// What runs, for reports and logs: the folder's name, the graph file, the precision and the views, e.g.
    /// <c>recognizer/recognizer.int8.onnx (int8, one view)</c>. Machine paths stay out, so committed reports compare.
    /// </summary>
    public string Graph { get; }

    /// <summary>
    /// Another recognizer on the same session with its own preprocessing buffers and bound tensors, for one more
    /// concurrent worker at the cost of its buffers, not a second copy of the model. Dispose it before this one.
    /// </summary>
    public OnnxProductRecognizer CreateWorker() => new(_owner ?? this);

    private (FramePreprocessor, float[], float[], float[], OrtValue[], OrtValue[], OrtIoBinding) Bind()
    {
        var size = Card.InputSize;
        var preprocessor = new FramePreprocessor(new FramePreprocessorOptions { InputSize = size });
        var input = new float[_views * 3 * size * size];
        var probs = new float[_views * ClassCount];
        var embedding = new float[_views * EmbeddingDimension];
        OrtValue[] inputValues = [OrtValue.CreateTensorValueFromMemory(input, [_views, 3, size, size])];
        OrtValue[] outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(probs, [_views, ClassCount]),
            OrtValue.CreateTensorValueFromMemory(embedding, [_views, EmbeddingDimension]),
        ];
        // Bound once: a run reads and writes the pinned arrays above and marshals no names or handles per call.
        var binding = _session.CreateIoBinding();
        binding.BindInput(Card.InputName, inputValues[0]);
        binding.BindOutput(Card.ProbabilitiesOutput, outputValues[0]);
        binding.BindOutput(Card.EmbeddingOutput, outputValues[1]);

        // The first run plans memory and kernels (tens of ms); pay it here, not on the shopper's first item.
        _session.RunWithBinding(_runOptions, binding);
        return (preprocessor, input, probs, embedding, inputValues, outputValues, binding);
    }

    public RecognizerModelCard Card { get; }

    public int ClassCount => Card.Classes.Count;

    public int EmbeddingDimension => Card.EmbeddingDimension;

    public void Recognize(ReadOnlySpan<byte> encodedImage, Span<float> probabilities, Span<float> embedding)
    {
        _preprocessor.Preprocess(encodedImage, _input.AsSpan(0, _preprocessor.TensorLength));
        RunViews(probabilities, embedding);
    }

    public void Recognize(FrameView image, Span<float> probabilities, Span<float> embedding)
    {
        _preprocessor.Preprocess(image, _input.AsSpan(0, _preprocessor.TensorLength));
        RunViews(probabilities, embedding);
    }

    /// <summary>Runs the model on an already preprocessed CHW tensor (used by the parity test and benchmarks).</summary>
    public void RecognizeTensor(ReadOnlySpan<float> chw, Span<float> probabilities, Span<float> embedding)
    {
        chw[.._preprocessor.TensorLength].CopyTo(_input);
        RunViews(probabilities, embedding);
    }

    // The first view is in place; add its mirror when configured, run, and merge the views.
    private void RunViews(Span<float> probabilities, Span<float> embedding)
    {
        var plane = _preprocessor.TensorLength;
        if (_views == 2)
        {
            Mirror(_input.AsSpan(0, plane), _input.AsSpan(plane, plane), Card.InputSize);
        }

        RunPrepared();
        Combine(probabilities, embedding);
    }

    private void RunPrepared() => _session.RunWithBinding(_runOptions, _binding);

    private void Combine(Span<float> probabilities, Span<float> embedding)
    {
        var c = ClassCount;
        var d = EmbeddingDimension;
        _probs.AsSpan(0, c).CopyTo(probabilities);
        _embedding.AsSpan(0, d).CopyTo(embedding);
        if (_views == 1)
        {
            return;
        }

        // Averaging the mirrored view: probabilities by arithmetic mean, embeddings by mean then re-normalised.
        TensorPrimitives.Add(probabilities[..c], _probs.AsSpan(c, c), probabilities[..c]);
        TensorPrimitives.Multiply(probabilities[..c], 0.5f, probabilities[..c]);
        TensorPrimitives.Add(embedding[..d], _embedding.AsSpan(d, d), embedding[..d]);
        var norm = TensorPrimitives.Norm(embedding[..d]);
        TensorPrimitives.Multiply(embedding[..d], norm > 0 ? 1f / norm : 0f, embedding[..d]);
    }

    private static void Mirror(ReadOnlySpan<float> src, Span<float> dst, int size)
    {
        for (var row = 0; row < 3 * size; row++)
        {
            var s = src.Slice(row * size, size);
            var d = dst.Slice(row * size, size);
            for (var x = 0; x < size; x++)
            {
                d[x] = s[size - 1 - x];
            }
        }
    }

    private static void Validate(InferenceSession session, RecognizerModelCard card, string path)
    {
        if (!session.InputMetadata.TryGetValue(card.InputName, out var input))
        {
            throw new InvalidDataException($"{path}: no input '{card.InputName}' (has: {string.Join(", ", session.InputMetadata.Keys)}).");
        }

        var dims = input.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || (dims[2] > 0 && dims[2] != card.InputSize) || (dims[3] > 0 && dims[3] != card.InputSize))
        {
            throw new InvalidDataException($"{path}: input '{card.InputName}' is [{string.Join(",", dims)}], expected [N,3,{card.InputSize},{card.InputSize}].");
        }

        foreach (var (name, width) in new[] { (card.ProbabilitiesOutput, card.Classes.Count), (card.EmbeddingOutput, card.EmbeddingDimension) })
        {
            if (!session.OutputMetadata.TryGetValue(name, out var meta))
            {
                throw new InvalidDataException($"{path}: no output '{name}' (has: {string.Join(", ", session.OutputMetadata.Keys)}).");
            }

            if (meta.Dimensions.Length != 2 || (meta.Dimensions[1] > 0 && meta.Dimensions[1] != width))
            {
                throw new InvalidDataException($"{path}: output '{name}' is [{string.Join(",", meta.Dimensions)}], expected [N,{width}].");
            }
        }
    }

    public void Dispose()
    {
        foreach (var v in _inputValues)
        {
            v.Dispose();
        }

        foreach (var v in _outputValues)
        {
            v.Dispose();
        }

        _binding.Dispose();
        _runOptions.Dispose();
        if (_owner is null)
        {
            _session.Dispose();
        }

        _preprocessor.Dispose();
    }
}
