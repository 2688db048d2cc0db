using SkiaSharp;

namespace BasketReasoner.Tests.Infrastructure;

/// <summary>
/// Cart-camera frames composed in the test from real product photos: a textured grey floor with photos pasted at
/// known boxes, encoded as JPEG. Nothing derived from the dataset is written to disk.
/// </summary>
internal static class CartFrames
{
    public const int Size = 448;

    /// <param name="items">Photo bytes and the pixel rectangle each is drawn into, in drawing order.</param>
    public static byte[] Compose(IEnumerable<(byte[] Photo, SKRectI Box)> items, int seed = 1)
    {
        using var bitmap = new SKBitmap(Size, Size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(120, 122, 125));
            using var grid = new SKPaint { Color = new SKColor(150, 152, 155), StrokeWidth = 2 };
            for (var p = 16; p < Size; p += 32)
            {
                canvas.DrawLine(p, 0, p, Size, grid);
                canvas.DrawLine(0, p, Size, p, grid);
            }

            foreach (var (photo, box) in items)
            {
                using var image = SKImage.FromEncodedData(photo);
                canvas.DrawImage(image, SKRect.Create(box.Left, box.Top, box.Width, box.Height), new SKSamplingOptions(SKFilterMode.Linear));
            }
        }

        // A little sensor noise, different per frame, so "unchanged" is never bit-identical.
        var rng = new Random(seed);
        var pixels = bitmap.GetPixelSpan();
        var bytes = new byte[pixels.Length];
        pixels.CopyTo(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            if ((i & 3) != 3)
            {
                bytes[i] = (byte)Math.Clamp(bytes[i] + rng.Next(-4, 5), 0, 255);
            }
        }

        using var noisy = new SKBitmap(bitmap.Info);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, noisy.GetPixels(), bytes.Length);
        using var data = noisy.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
