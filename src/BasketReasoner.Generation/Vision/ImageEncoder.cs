using BasketReasoner.Generation.Model;
using BasketReasoner.Vision.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace BasketReasoner.Generation.Vision;

/// <summary>
/// Encoded image → <c>vision_encoder.onnx</c> features [image_seq_len × hidden]: decode and squash-resize to
/// <c>image_size</c> with the recognizer's SkiaSharp preprocessor (RGB in [0, 1]), then (x − mean) / std per channel.
/// Not thread-safe.
/// </summary>
internal sealed class ImageEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ModelConfig _config;
    private readonly FramePreprocessor _preprocessor;
    private readonly float[] _pixels;

    public ImageEncoder(InferenceSession session, ModelConfig config)
    {
        _session = session;
        _config = config;
        _preprocessor = new FramePreprocessor(new FramePreprocessorOptions { InputSize = config.ImageSize });
        _pixels = new float[_preprocessor.TensorLength];
    }

    /// <summary>Features of one image, image_seq_len × hidden floats.</summary>
    /// <exception cref="BasketReasoner.Core.Vision.InvalidImageException">Not a decodable JPEG/PNG.</exception>
    public float[] Encode(ReadOnlySpan<byte> image)
    {
        _preprocessor.Preprocess(image, _pixels);
        return EncodePixels(_pixels);
    }

    /// <summary>Features of RGB pixels in [0, 1], [3, image_size, image_size] (normalised in place).</summary>
    public float[] EncodePixels(float[] pixels)
    {
        int plane = _config.ImageSize * _config.ImageSize;
        for (int c = 0; c < 3; c++)
        {
            float mean = _config.ImageMean[c], inv = 1f / _config.ImageStd[c];
            var p = pixels.AsSpan(c * plane, plane);
            for (int i = 0; i < p.Length; i++) p[i] = (p[i] - mean) * inv;
        }

        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [1, 3, _config.ImageSize, _config.ImageSize]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, ["pixel_values"], [input], ["image_features"]);
        var features = outputs[0].GetTensorDataAsSpan<float>();
        int expected = _config.ImageSeqLen * _config.HiddenSize;
        if (features.Length != expected)
        {
            throw new InvalidModelException($"{ModelFolder.VisionFile} returned {features.Length} floats; config implies {expected}.");
        }

        return features.ToArray();
    }

    public void Dispose() => _preprocessor.Dispose();
}
