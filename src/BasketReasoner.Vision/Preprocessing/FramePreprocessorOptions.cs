namespace BasketReasoner.Vision.Preprocessing;

/// <summary>How a camera frame becomes the recognizer's input tensor.</summary>
public sealed class FramePreprocessorOptions
{
    /// <summary>Side of the square input tensor in pixels. Default: 112 (what the shipped recognizer was trained at).</summary>
    public int InputSize { get; set; } = 112;

    /// <summary>
    /// Largest frame side accepted, in pixels, to bound the decode buffer. Default: 4096.
    /// </summary>
    public int MaxFrameSide { get; set; } = 4096;
}
