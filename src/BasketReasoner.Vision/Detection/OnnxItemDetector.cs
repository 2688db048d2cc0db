using BasketReasoner.Core.Vision;
using BasketReasoner.Vision.Imaging;
using BasketReasoner.Vision.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace BasketReasoner.Vision.Detection;

/// <summary>
/// The item detector on ONNX Runtime: RGBA pixels → <see cref="TensorWriter"/> (half-pixel bilinear, the card's
/// mean/std) into a pinned input tensor →
/// <c>detector.onnx</c> (objectness peaks and ltrb distances, CenterNet-style) → <see cref="DetectionDecoder"/>.
/// Tensors are bound once; a frame allocates nothing managed beyond the caller's list. Not thread-safe: one
/// instance per worker; <see cref="CreateWorker"/> gives another that shares this one's session (ONNX Runtime's
/// <c>Run</c> is thread-safe) with its own buffers and binding.
/// </summary>
public sealed class OnnxItemDetector : IItemDetector
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly TensorWriter _writer;
    private readonly DetectionDecoder _decoder;
    private readonly float[] _input;
    private readonly float[] _scores;
    private readonly float[] _ltrb;
    private readonly OrtValue[] _values;
    private readonly OrtIoBinding _binding;
    private readonly float _threshold;
    private readonly OnnxItemDetector? _owner;

    public OnnxItemDetector(string modelFolder, OnnxDetectorOptions? options = null)
    {
        options ??= new OnnxDetectorOptions();
        Card = DetectorModelCard.Load(modelFolder);
        var modelPath = Path.Combine(modelFolder, DetectorModelCard.ModelFileName);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Detector folder '{modelFolder}' has no {DetectorModelCard.ModelFileName}.", modelPath);
        }

        using var so = CpuSessionOptions.Create(options.IntraOpThreads);
        _session = new InferenceSession(modelPath, so);
        Validate(modelPath);
        _threshold = options.ScoreThreshold ?? Card.ScoreThreshold;
        (_writer, _decoder, _input, _scores, _ltrb, _values, _binding) = Bind();
    }

    private OnnxItemDetector(OnnxItemDetector owner)
    {
        _owner = owner;
        Card = owner.Card;
        _session = owner._session;
        _threshold = owner._threshold;
        (_writer, _decoder, _input, _scores, _ltrb, _values, _binding) = Bind();
    }

    public DetectorModelCard Card { get; }

    /// <summary>Another detector on this one's session, with its own buffers; disposing it leaves the session open.</summary>
    public OnnxItemDetector CreateWorker() => new(_owner ?? this);

    private (TensorWriter, DetectionDecoder, float[], float[], float[], OrtValue[], OrtIoBinding) Bind()
    {
        var s = Card.InputSize;
        var g = Card.GridSize;
        var input = new float[3 * s * s];
        var scores = new float[g * g];
        var ltrb = new float[4 * g * g];
        OrtValue[] values =
        [
            OrtValue.CreateTensorValueFromMemory(input, [1, 3, s, s]),
            OrtValue.CreateTensorValueFromMemory(scores, [1, 1, g, g]),
            OrtValue.CreateTensorValueFromMemory(ltrb, [1, 4, g, g]),
        ];
        var binding = _session.CreateIoBinding();
        binding.BindInput(Card.InputName, values[0]);
        binding.BindOutput(Card.ScoresOutput, values[1]);
        binding.BindOutput(Card.LtrbOutput, values[2]);

        // The first run plans memory and kernels; pay it at start-up, not on the first event.
        _session.RunWithBinding(_runOptions, binding);
        return (new TensorWriter(Resampling.HalfPixelBilinear, PixelNormalization.FromMeanStd(Card.Mean, Card.Std)), new DetectionDecoder(g, Card.Stride), input, scores, ltrb, values, binding);
    }

    /// <summary>Floats of the preprocessed input: 3 × S × S.</summary>
    public int TensorLength => _input.Length;

    public void Detect(FrameView frame, List<ItemDetection> detections)
    {
        _writer.Write(frame, Card.InputSize, Card.InputSize, _input);
        Run();
        Decode(frame.Width, frame.Height, detections);
    }

    /// <summary>Runs the model on an already preprocessed CHW tensor and decodes for a frame of the given size (parity tests, benchmarks).</summary>
    public void DetectTensor(ReadOnlySpan<float> chw, int frameWidth, int frameHeight, List<ItemDetection> detections)
    {
        chw[.._input.Length].CopyTo(_input);
        Run();
        Decode(frameWidth, frameHeight, detections);
    }

    /// <summary>Runs the model on a preprocessed tensor and copies the raw output maps (parity tests).</summary>
    public void RunTensor(ReadOnlySpan<float> chw, Span<float> scores, Span<float> ltrb)
    {
        chw[.._input.Length].CopyTo(_input);
        Run();
        _scores.CopyTo(scores);
        _ltrb.CopyTo(ltrb);
    }

    /// <summary>Writes the model input for <paramref name="frame"/> (what <see cref="Detect"/> feeds), for parity checks.</summary>
    public void Preprocess(FrameView frame, Span<float> chw) => _writer.Write(frame, Card.InputSize, Card.InputSize, chw);

    private void Decode(int width, int height, List<ItemDetection> detections)
    {
        var s = (float)Card.InputSize;
        _decoder.Decode(_scores, _ltrb, width / s, height / s, width, height, _threshold, Card.NmsIou, Card.MaxDetections, detections);
    }

    private void Run() => _session.RunWithBinding(_runOptions, _binding);

    private void Validate(string path)
    {
        if (!_session.InputMetadata.TryGetValue(Card.InputName, out var input))
        {
            throw new InvalidDataException($"{path}: no input '{Card.InputName}' (has: {string.Join(", ", _session.InputMetadata.Keys)}).");
        }

        var d = input.Dimensions;
        if (d.Length != 4 || d[1] != 3 || (d[2] > 0 && d[2] != Card.InputSize) || (d[3] > 0 && d[3] != Card.InputSize))
        {
            throw new InvalidDataException($"{path}: input '{Card.InputName}' is [{string.Join(",", d)}], expected [N,3,{Card.InputSize},{Card.InputSize}].");
        }

        foreach (var (name, channels) in new[] { (Card.ScoresOutput, 1), (Card.LtrbOutput, 4) })
        {
            if (!_session.OutputMetadata.TryGetValue(name, out var meta))
            {
                throw new InvalidDataException($"{path}: no output '{name}' (has: {string.Join(", ", _session.OutputMetadata.Keys)}).");
            }

            var m = meta.Dimensions;
            if (m.Length != 4 || (m[1] > 0 && m[1] != channels) || (m[2] > 0 && m[2] != Card.GridSize))
            {
                throw new InvalidDataException($"{path}: output '{name}' is [{string.Join(",", m)}], expected [N,{channels},{Card.GridSize},{Card.GridSize}].");
            }
        }
    }

    public void Dispose()
    {
        foreach (var v in _values)
        {
            v.Dispose();
        }

        _binding.Dispose();
        _runOptions.Dispose();
        _writer.Dispose();
        if (_owner is null)
        {
            _session.Dispose();
        }
    }
}
