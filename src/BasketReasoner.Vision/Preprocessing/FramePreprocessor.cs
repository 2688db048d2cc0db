using BasketReasoner.Core.Vision;
using BasketReasoner.Vision.Imaging;

namespace BasketReasoner.Vision.Preprocessing;

/// <summary>
/// The recognizer's input: a frame squashed whole (no crop) to <see cref="FramePreprocessorOptions.InputSize"/>²
/// pixels with the antialiased bilinear filter its training images were resized with (PIL's), as a planar RGB float tensor in [0, 1]. From bytes, the one
/// <see cref="SkiaFrameDecoder"/> decodes into a pooled frame, JPEGs at a reduced DCT scale while the shorter side
/// stays at least twice the input (faster, and a cheap anti-alias); from pixels (a frame or a crop view) it goes
/// straight to the <see cref="TensorWriter"/>. Buffers are reused: steady-state calls allocate only Skia's small
/// handle wrappers. Not thread-safe: one instance per worker.
/// </summary>
public sealed class FramePreprocessor : IDisposable
{
    private readonly int _size;
    private readonly SkiaFrameDecoder _decoder;
    private readonly RgbaFrame _frame = new();
    private readonly TensorWriter _writer = new(Resampling.AntialiasedBilinear, PixelNormalization.UnitRange);

    public FramePreprocessor(FramePreprocessorOptions? options = null)
    {
        options ??= new FramePreprocessorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InputSize, 8);
        _size = options.InputSize;
        _decoder = new SkiaFrameDecoder(options.MaxFrameSide);
    }

    public int InputSize => _size;

    /// <summary>Number of floats <see cref="Preprocess(ReadOnlySpan{byte}, Span{float})"/> writes: 3 × size × size.</summary>
    public int TensorLength => 3 * _size * _size;

    /// <summary>Decodes <paramref name="encoded"/> and writes the CHW tensor into <paramref name="chw"/>.</summary>
    /// <exception cref="InvalidImageException">The bytes are not a decodable image, or the image is too large.</exception>
    public void Preprocess(ReadOnlySpan<byte> encoded, Span<float> chw)
    {
        CheckTensor(chw);
        // Keep at least twice the input so the final bilinear step still averages over enough source pixels.
        _decoder.Decode(encoded, _frame, 2 * _size);
        _writer.Write(_frame, _size, _size, chw);
    }

    /// <summary>Writes the CHW tensor of decoded pixels (a whole frame or a crop) into <paramref name="chw"/>.</summary>
    public void Preprocess(FrameView image, Span<float> chw)
    {
        CheckTensor(chw);
        _writer.Write(image, _size, _size, chw);
    }

    private void CheckTensor(Span<float> chw)
    {
        if (chw.Length < TensorLength)
        {
            throw new ArgumentException($"Tensor span needs {TensorLength} floats.", nameof(chw));
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _frame.Dispose();
    }
}
