using BasketReasoner.Core.Vision;
using BasketReasoner.Vision.Detection;

namespace BasketReasoner.Tests.Vision;

/// <summary>The contract's decoding on hand-made output maps: cell centre ± ltrb, threshold, NMS, scaling, clipping.</summary>
public sealed class DetectionDecoderTests
{
    private const int Grid = 4;
    private const int Stride = 8;

    private static (float[] Scores, float[] Ltrb) Maps() => (new float[Grid * Grid], new float[4 * Grid * Grid]);

    private static void Peak(float[] scores, float[] ltrb, int x, int y, float score, float l, float t, float r, float b)
    {
        var i = (y * Grid) + x;
        const int cells = Grid * Grid;
        scores[i] = score;
        (ltrb[i], ltrb[cells + i], ltrb[(2 * cells) + i], ltrb[(3 * cells) + i]) = (l, t, r, b);
    }

    private static List<ItemDetection> Decode(float[] scores, float[] ltrb, float scale = 1, float threshold = 0.3f, float iou = 0.5f, int max = 32)
    {
        var output = new List<ItemDetection>();
        var size = (int)(Grid * Stride * scale);
        new DetectionDecoder(Grid, Stride).Decode(scores, ltrb, scale, scale, size, size, threshold, iou, max, output);
        return output;
    }

    [Fact]
    public void Decode_OnePeak_BoxIsCellCentrePlusDistances()
    {
        var (s, l) = Maps();
        Peak(s, l, 1, 2, 0.9f, 2, 3, 4, 5);

        var d = Assert.Single(Decode(s, l));

        // Cell (1, 2) centre: (1.5·8, 2.5·8) = (12, 20).
        Assert.Equal(new ItemBox(10, 17, 16, 25), d.Box);
        Assert.Equal(0.9f, d.Score);
    }

    [Fact]
    public void Decode_FrameLargerThanInput_ScalesToFramePixels()
    {
        var (s, l) = Maps();
        Peak(s, l, 1, 2, 0.9f, 2, 3, 4, 5);

        var d = Assert.Single(Decode(s, l, scale: 2));

        Assert.Equal(new ItemBox(20, 34, 32, 50), d.Box);
    }

    [Fact]
    public void Decode_BelowThreshold_Dropped()
    {
        var (s, l) = Maps();
        Peak(s, l, 0, 0, 0.29f, 2, 2, 2, 2);
        Peak(s, l, 3, 3, 0.3f, 2, 2, 2, 2);

        var d = Assert.Single(Decode(s, l));

        Assert.Equal(0.3f, d.Score);
    }

    [Fact]
    public void Decode_OverlappingPeaks_NmsKeepsTheBetterAndDisjointOnes()
    {
        var (s, l) = Maps();
        Peak(s, l, 1, 1, 0.6f, 4, 4, 4, 4);   // (8,8)-(16,16)
        Peak(s, l, 2, 1, 0.8f, 12, 4, 4, 4);  // (8,8)-(24,16): IoU 0.5 with the first → kept only if ≤ nms_iou
        Peak(s, l, 3, 3, 0.7f, 2, 2, 2, 2);   // far away

        var strict = Decode(s, l, iou: 0.4f);
        var loose = Decode(s, l, iou: 0.5f);

        Assert.Equal([0.8f, 0.7f], strict.Select(d => d.Score));
        Assert.Equal([0.8f, 0.7f, 0.6f], loose.Select(d => d.Score));
    }

    [Fact]
    public void Decode_MaxDetections_KeepsTheBest()
    {
        var (s, l) = Maps();
        for (var i = 0; i < Grid; i++)
        {
            Peak(s, l, i, i, 0.5f + (0.1f * i), 1, 1, 1, 1);
        }

        var kept = Decode(s, l, max: 2);

        Assert.Equal([0.8f, 0.7f], kept.Select(d => d.Score), (a, b) => MathF.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Decode_BoxPastTheEdge_ClippedToTheFrame()
    {
        var (s, l) = Maps();
        Peak(s, l, 0, 3, 0.9f, 10, 1, 1, 10);

        var d = Assert.Single(Decode(s, l));

        Assert.Equal(new ItemBox(0, 27, 5, 32), d.Box);
    }

    [Fact]
    public void Decode_SteadyState_AllocatesNothing()
    {
        var (s, l) = Maps();
        Peak(s, l, 1, 1, 0.9f, 4, 4, 4, 4);
        Peak(s, l, 3, 3, 0.8f, 2, 2, 2, 2);
        var decoder = new DetectionDecoder(Grid, Stride);
        var output = new List<ItemDetection>(8);
        decoder.Decode(s, l, 1, 1, 32, 32, 0.3f, 0.5f, 32, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            decoder.Decode(s, l, 1, 1, 32, 32, 0.3f, 0.5f, 32, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2, output.Count);
    }
}
