namespace BasketReasoner.Vision.Imaging;

/// <summary>
/// How <see cref="TensorWriter"/> resizes: each model keeps the filter it was trained or validated with, since a
/// different filter shifts its outputs.
/// </summary>
public enum Resampling
{
    /// <summary>
    /// SkiaSharp bilinear with linear mip-maps (a box pre-filter when shrinking far); the product recognizer's until
    /// v3, which trained on PIL's resize and lost about two val points to this filter.
    /// </summary>
    SkiaLinearMipmap,

    /// <summary>
    /// Separable triangle filter whose support widens with the shrink factor (PIL's <c>Image.BILINEAR</c> resize and
    /// <c>torch.nn.functional.interpolate(..., antialias=True)</c>; plain half-pixel bilinear when enlarging), in
    /// floats; the product recognizer's since v3, the filter its training images were made with.
    /// </summary>
    AntialiasedBilinear,

    /// <summary>SkiaSharp bilinear without mip-maps; PaddleOCR's text detector input (like OpenCV's INTER_LINEAR).</summary>
    SkiaLinear,

    /// <summary>
    /// Bilinear on half-pixel centres computed in floats, no pre-filter: what
    /// <c>torch.nn.functional.interpolate(mode="bilinear", align_corners=False)</c> does; the item detector's.
    /// </summary>
    HalfPixelBilinear,
}
