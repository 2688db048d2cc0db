using BasketReasoner.Vision.Ocr;

namespace BasketReasoner.Tests.Ocr;

public sealed class OcrGeometryTests
{
    [Fact]
    public void MinimumArea_PointsOfRotatedRectangle_RecoversItsSides()
    {
        // A 40 × 10 rectangle turned 30° around (100, 50), sampled on its border and inside.
        var angle = MathF.PI / 6;
        var (ux, uy) = (MathF.Cos(angle), MathF.Sin(angle));
        var points = new List<PointF2>();
        for (var u = -20f; u <= 20f; u += 1f)
        {
            for (var v = -5f; v <= 5f; v += 1f)
            {
                points.Add(new PointF2(100 + (u * ux) - (v * uy), 50 + (u * uy) + (v * ux)));
            }
        }

        var rect = RotatedRect.MinimumArea(points.ToArray());

        Assert.Equal(40, MathF.Max(rect.Width, rect.Height), 2);
        Assert.Equal(10, MathF.Min(rect.Width, rect.Height), 2);
        Assert.Equal(100, rect.Cx, 2);
        Assert.Equal(50, rect.Cy, 2);
    }

    [Fact]
    public void Grow_ByUnclipDistance_AddsTwiceTheDistanceToEachSide()
    {
        var rect = new RotatedRect(0, 0, 1, 0, 40, 10);

        var grown = rect.Grow(rect.Area * 1.5f / rect.Perimeter);

        Assert.Equal(40 + 12, grown.Width, 3);
        Assert.Equal(10 + 12, grown.Height, 3);
    }

    [Theory]
    [InlineData(348, 348, 736, 960, 736, 736)]   // small frame upscaled to the min side, a multiple of 32
    [InlineData(2000, 1000, 736, 960, 960, 480)] // large frame capped at the max side
    [InlineData(100, 10, 0, 960, 96, 32)]        // no upscaling; never below 32
    public void DetectorSize_FollowsLimitsAndMultipleOf32(int w, int h, int min, int max, int ew, int eh)
    {
        Assert.Equal((ew, eh), PaddleOcrReader.DetectorSize(w, h, min, max));
    }

    [Fact]
    public void Order_RotatedCorners_StartsTopLeftClockwise()
    {
        Span<PointF2> corners = [new(10, 12), new(0, 0), new(10, 0), new(0, 10)];

        var box = DbPostProcessor.Order(corners, 0.9f);

        Assert.Equal(new PointF2(0, 0), box.TopLeft);
        Assert.Equal(new PointF2(10, 0), box.TopRight);
        Assert.Equal(new PointF2(10, 12), box.BottomRight);
        Assert.Equal(new PointF2(0, 10), box.BottomLeft);
    }

    [Fact]
    public void Boxes_TwoTextBlobsOnMap_GivesTwoScaledBoxes()
    {
        var options = new OcrOptions();
        var post = new DbPostProcessor(options);
        const int W = 64, H = 32;
        var map = new float[W * H];
        Fill(map, W, 4, 4, 30, 10, 0.9f);   // 26 × 6 kernel
        Fill(map, W, 40, 20, 60, 26, 0.8f); // 20 × 6 kernel
        Fill(map, W, 50, 2, 51, 3, 0.95f);  // 1 px speck: below the minimum box side

        var boxes = post.Boxes(map, W, H, 2 * W, 2 * H);

        Assert.Equal(2, boxes.Count);
        Assert.Equal(0.9f, boxes[0].Score, 3);
        // Pixel centres span 25 × 5; grown by area·1.5/perimeter = 187.5/60 on each side, then ×2 to frame pixels.
        Assert.Equal(2 * (25 + (2 * 187.5f / 60)), boxes[0].Width, 1);
    }

    [Fact]
    public void Decode_RepeatsBlanksAndSpace_CollapsesLikeCtc()
    {
        var decoder = new CtcDecoder(["A", "R", "L"]); // classes: 0 blank, 1 A, 2 R, 3 L, 4 space
        int[] path = [1, 1, 0, 2, 3, 3, 0, 1, 4, 4, 1, 0];
        var probs = new float[path.Length * decoder.ClassCount];
        for (var t = 0; t < path.Length; t++)
        {
            probs[(t * decoder.ClassCount) + path[t]] = 0.8f;
        }

        var (text, confidence) = decoder.Decode(probs, path.Length);

        Assert.Equal("ARLA A", text);
        Assert.Equal(0.8f, confidence, 4);
    }

    private static void Fill(float[] map, int w, int x0, int y0, int x1, int y1, float p)
    {
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                map[(y * w) + x] = p;
            }
        }
    }
}
