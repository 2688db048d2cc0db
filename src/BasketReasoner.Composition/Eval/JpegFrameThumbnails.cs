using BasketReasoner.Eval.Harness.Reports.Viewer;
using SkiaSharp;

namespace BasketReasoner.Composition.Eval;

/// <summary>
/// Frame thumbnails for the report's case table: the image scaled to fit <see cref="MaxSide"/> pixels, JPEG at
/// quality <see cref="Quality"/>, as a <c>data:</c> URI (2–5 KB for a dataset frame), so the report stays one file.
/// </summary>
/// <param name="imagesFolder">The dataset's images folder, asked on first use only (a suite without frames never
/// needs the dataset); when it cannot be found every thumbnail is null.</param>
internal sealed class JpegFrameThumbnails(Func<string> imagesFolder) : IFrameThumbnails
{
    private readonly Lazy<string?> _folder = new(() =>
    {
        try
        {
            return imagesFolder();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    });

    /// <summary>Longest side in pixels. Default 128.</summary>
    public int MaxSide { get; init; } = 128;

    /// <summary>JPEG quality, 1–100. Default 65.</summary>
    public int Quality { get; init; } = 65;

    public string? DataUri(string image)
    {
        if (_folder.Value is not { } folder || Path.IsPathRooted(image) || image.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(folder, image);
        if (!File.Exists(path))
        {
            return null;
        }

        using var bitmap = SKBitmap.Decode(path);
        if (bitmap is null)
        {
            return null;
        }

        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(bitmap.Width, bitmap.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(bitmap.Width * scale)), Math.Max(1, (int)Math.Round(bitmap.Height * scale)));
        using var small = bitmap.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (small is null)
        {
            return null;
        }

        using var data = small.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return "data:image/jpeg;base64," + Convert.ToBase64String(data.AsSpan());
    }
}
