namespace BasketReasoner.Vision.Imaging;

/// <summary>
/// How <see cref="TensorWriter"/> resizes: each model keeps the filter it was trained or validated with, since a
/// different filter shifts its outputs.
/// </summary>
public enum Resampling
{
    /// <summary>SkiaSharp bilinear with linear mip-maps (a box pre-filter when shrinking far); the product recognizer's.</summary>
    SkiaLinearMipmap,

    /// <summary>SkiaSharp bilinear without mip-maps; PaddleOCR's text detector input (like OpenCV's INTER_LINEAR).</summary>
    SkiaLinear,

    /// <summary>
    /// Bilinear on half-pixel centres computed in floats, no pre-filter: what
    /// <c>torch.nn.functional.interpolate(mode="bilinear", align_corners=False)</c> does; the item detector's.
    /// </summary>
    HalfPixelBilinear,
}
