using SkiaSharp;

namespace BasketReasoner.Tests.Ocr;

/// <summary>Frames with known text, drawn with SkiaSharp, for OCR tests.</summary>
internal static class OcrTestImages
{
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ];

    /// <summary>
    /// A typeface that really draws Latin glyphs: Skia's default where its font manager has one, else a system
    /// TrueType file; <c>null</c> when the machine has no font at all.
    /// </summary>
    public static SKTypeface? Typeface()
    {
        var fallback = SKTypeface.Default;
        if (fallback is not null && fallback.GetGlyphs("A")[0] != 0)
        {
            return fallback;
        }

        foreach (var file in FontFiles)
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { } t)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>A JPEG, <paramref name="width"/> × <paramref name="height"/>, with each line drawn dark on light, centred.</summary>
    public static byte[] Render(SKTypeface typeface, int width, int height, float textSize, params string[] lines)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(245, 242, 235));
            using var font = new SKFont(typeface, textSize);
            using var paint = new SKPaint { Color = new SKColor(20, 30, 90), IsAntialias = true };
            var step = height / (lines.Length + 1f);
            for (var i = 0; i < lines.Length; i++)
            {
                var w = font.MeasureText(lines[i]);
                canvas.DrawText(lines[i], (width - w) / 2, (step * (i + 1)) + (textSize / 3), SKTextAlign.Left, font, paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }
}
