using BasketReasoner.Core.Vision;

namespace BasketReasoner.Tests.Fusion;

/// <summary>Test double: a recognizer that returns fixed class probabilities and counts its calls.</summary>
internal sealed class FixedVision(float[] probabilities) : IProductRecognizer
{
    public int ClassCount => probabilities.Length;

    public int EmbeddingDimension => 2;

    /// <summary>Every recognition, from bytes or from pixels.</summary>
    public int Calls { get; private set; }

    /// <summary>Recognitions from decoded pixels.</summary>
    public int PixelCalls { get; private set; }

    public void Recognize(ReadOnlySpan<byte> encodedImage, Span<float> p, Span<float> embedding)
    {
        Calls++;
        probabilities.CopyTo(p);
        embedding[0] = 1;
    }

    public void Recognize(FrameView image, Span<float> p, Span<float> embedding)
    {
        PixelCalls++;
        Recognize([], p, embedding);
    }

    public void Dispose()
    {
    }
}

/// <summary>Test double: a label reader that always reads one line of text and counts its reads.</summary>
internal sealed class FixedText(string text) : ILabelTextReader
{
    /// <summary>Every read, from bytes or from pixels.</summary>
    public int Calls { get; private set; }

    /// <summary>The size of each image read from pixels.</summary>
    public List<(int Width, int Height)> PixelReads { get; } = [];

    public IReadOnlyList<RecognizedText> Read(ReadOnlySpan<byte> encodedImage)
    {
        Calls++;
        return [new RecognizedText(text, 0.97, 0.8, 10, 10, 20)];
    }

    public IReadOnlyList<RecognizedText> Read(FrameView image)
    {
        PixelReads.Add((image.Width, image.Height));
        return Read([]);
    }
}
