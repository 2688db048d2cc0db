using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Vision;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Imaging;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Tests.Vision;

/// <summary>
/// The pixel path: one decoder into pooled frames, crops as views read in place, one resize+normalise writer, and the
/// recognizer's byte path being exactly its pixel path on the one decode.
/// </summary>
public sealed class PixelPathTests
{
    private static string Banana => Path.Combine(DataRoot.ImagesFolder(DataRoot.Resolve()), "train/Fruit/Banana/Banana_001.jpg");

    [Fact]
    public void Crop_FractionalBox_RoundsOutwardClipsAndReadsTheFramesPixels()
    {
        using var frame = Noise(10, 8, seed: 1);

        var view = frame.Crop(new ItemBox(1.5f, 2.2f, 4.1f, 9f));

        Assert.Equal((1, 2, 4, 6), (view.X, view.Y, view.Width, view.Height));
        Assert.Equal(frame.Stride, view.Stride);
        Assert.True(view.Row(0).SequenceEqual(frame.Pixels.Slice(((2 * 10) + 1) * 4, 16)));
        Assert.True(view.Row(5).SequenceEqual(frame.Pixels.Slice(((7 * 10) + 1) * 4, 16)));
        Assert.Equal(((6 - 1) * 40) + 16, view.Pixels.Length);
    }

    [Fact]
    public void View_OutsideTheFrame_Throws()
    {
        using var frame = Noise(10, 8, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameView(frame, 5, 0, 6, 8));
    }

    [Fact]
    public void Dispose_Frame_ReturnsItsBufferToThePoolForTheNextFrame()
    {
        // An odd size (a 16 MiB bucket) so that other tests running in parallel do not take the buffer in between.
        var first = new RgbaFrame();
        first.Resize(3001, 1001);
        ref var before = ref MemoryMarshal.GetReference(first.Pixels);
        first.Dispose();

        Assert.Equal(0, first.Pixels.Length);
        using var second = new RgbaFrame();
        second.Resize(3001, 1001);
        Assert.True(Unsafe.AreSame(ref before, ref MemoryMarshal.GetReference(second.Pixels)), "the second frame got a new buffer");
    }

    public static TheoryData<Resampling> Resamplings() =>
        [Resampling.SkiaLinearMipmap, Resampling.SkiaLinear, Resampling.HalfPixelBilinear, Resampling.AntialiasedBilinear];

    [Theory]
    [MemberData(nameof(Resamplings))]
    public void Write_CropView_EqualsTheSameCropCopiedIntoItsOwnFrame(Resampling resampling)
    {
        using var frame = Noise(64, 48, seed: 2);
        var view = new FrameView(frame, 5, 7, 30, 20);
        using var copy = new RgbaFrame();
        copy.Resize(30, 20);
        for (var y = 0; y < 20; y++)
        {
            view.Row(y).CopyTo(copy.Pixels.Slice(y * copy.Stride, copy.Stride));
        }

        using var writer = new TensorWriter(resampling, PixelNormalization.FromMeanStd([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]));
        var fromView = new float[3 * 16 * 12];
        var fromCopy = new float[3 * 16 * 12];
        writer.Write(view, 16, 12, fromView);
        writer.Write(copy, 16, 12, fromCopy);

        Assert.Equal(fromCopy, fromView);
    }

    [Theory]
    [MemberData(nameof(Resamplings))]
    public void Write_BgrOrder_PutsBlueInTheFirstPlane(Resampling resampling)
    {
        using var frame = new RgbaFrame();
        frame.Resize(8, 8);
        for (var i = 0; i < 64; i++)
        {
            (frame.Pixels[i * 4], frame.Pixels[(i * 4) + 1], frame.Pixels[(i * 4) + 2], frame.Pixels[(i * 4) + 3]) = (10, 100, 250, 255);
        }

        using var writer = new TensorWriter(resampling, PixelNormalization.DivideMeanStd(127.5f, [1f, 1f, 1f], [1f, 1f, 1f], ChannelOrder.Bgr));
        var chw = new float[3 * 4 * 4];
        writer.Write(frame, 4, 4, chw);

        Assert.All(chw.AsSpan(0, 16).ToArray(), v => Assert.Equal((250 / 127.5f) - 1f, v));
        Assert.All(chw.AsSpan(16, 16).ToArray(), v => Assert.Equal((100 / 127.5f) - 1f, v));
        Assert.All(chw.AsSpan(32, 16).ToArray(), v => Assert.Equal((10 / 127.5f) - 1f, v));
    }

    [Fact]
    public void Write_HalfPixelDownscaleByTwo_AveragesEachTwoByTwoBlock()
    {
        using var frame = Noise(8, 8, seed: 3);
        using var writer = new TensorWriter(Resampling.HalfPixelBilinear, PixelNormalization.UnitRange);
        var chw = new float[3 * 4 * 4];

        writer.Write(frame, 4, 4, chw);

        // Half-pixel centres of a 2× reduction fall between four source pixels, each weighted ¼.
        var p = frame.Pixels.ToArray();
        float Px(int x, int y) => p[((y * 8) + x) * 4];
        var expected = (Px(2, 4) + Px(3, 4) + Px(2, 5) + Px(3, 5)) / 4f / 255f;
        Assert.Equal(expected, chw[(2 * 4) + 1], 5);
    }

    [Fact]
    public void Write_AntialiasedShrinkByFour_SeesAPixelHalfPixelBilinearSkips()
    {
        // One white pixel at (3, 3) in black: half-pixel bilinear samples source 1.5, 5.5, ... and never reads it;
        // the antialiased filter's support (4 source pixels each side when shrinking 4x) covers it, as PIL's does.
        using var frame = new RgbaFrame();
        frame.Resize(16, 16);
        frame.Pixels.Clear();
        frame.Pixels.Slice(((3 * 16) + 3) * 4, 4).Fill(255);
        using var antialiased = new TensorWriter(Resampling.AntialiasedBilinear, PixelNormalization.UnitRange);
        using var halfPixel = new TensorWriter(Resampling.HalfPixelBilinear, PixelNormalization.UnitRange);
        var (a, h) = (new float[3 * 4 * 4], new float[3 * 4 * 4]);

        antialiased.Write(frame, 4, 4, a);
        halfPixel.Write(frame, 4, 4, h);

        Assert.All(h, v => Assert.Equal(0f, v));
        Assert.True(a[0] > 0.01f, $"antialiased output (0,0) was {a[0]}");
        Assert.True(a[0] > a[(3 * 4) + 3], "the pixel's own output cell gets the most of it");
    }

    [Fact]
    public void Write_AntialiasedConstantImage_StaysConstantAtEverySize()
    {
        using var frame = new RgbaFrame();
        frame.Resize(37, 23);
        for (var i = 0; i < 37 * 23; i++)
        {
            (frame.Pixels[i * 4], frame.Pixels[(i * 4) + 1], frame.Pixels[(i * 4) + 2], frame.Pixels[(i * 4) + 3]) = (40, 120, 200, 255);
        }

        using var writer = new TensorWriter(Resampling.AntialiasedBilinear, PixelNormalization.UnitRange);
        foreach (var (w, h) in new[] { (11, 7), (37, 23), (90, 61) })
        {
            var chw = new float[3 * w * h];
            writer.Write(frame, w, h, chw);
            Assert.All(chw.AsSpan(0, w * h).ToArray(), v => Assert.Equal(40 / 255f, v, 5));
            Assert.All(chw.AsSpan(2 * w * h, w * h).ToArray(), v => Assert.Equal(200 / 255f, v, 5));
        }
    }

    [Fact]
    public void Recognize_EncodedBytes_IsThePixelPathOnTheOneDecode()
    {
        using var recognizer = new OnnxProductRecognizer(RepoPaths.RecognizerFolder);
        var jpeg = File.ReadAllBytes(Banana);
        using var frame = new RgbaFrame();
        new SkiaFrameDecoder().Decode(jpeg, frame, 2 * recognizer.Card.InputSize);
        var (fromBytes, fromPixels) = (new float[recognizer.ClassCount], new float[recognizer.ClassCount]);
        var (e1, e2) = (new float[recognizer.EmbeddingDimension], new float[recognizer.EmbeddingDimension]);

        recognizer.Recognize(jpeg, fromBytes, e1);
        recognizer.Recognize(frame, fromPixels, e2);

        Assert.Equal(fromBytes, fromPixels);
        Assert.Equal(e1, e2);
    }

    [Fact]
    public void Recognize_CropView_EqualsTheCropCopiedIntoItsOwnFrame()
    {
        using var recognizer = new OnnxProductRecognizer(RepoPaths.RecognizerFolder);
        using var frame = new RgbaFrame();
        new SkiaFrameDecoder().Decode(File.ReadAllBytes(Banana), frame);
        var view = frame.Crop(new ItemBox(frame.Width * 0.2f, frame.Height * 0.1f, frame.Width * 0.9f, frame.Height * 0.8f));
        using var copy = new RgbaFrame();
        copy.Resize(view.Width, view.Height);
        for (var y = 0; y < view.Height; y++)
        {
            view.Row(y).CopyTo(copy.Pixels.Slice(y * copy.Stride, copy.Stride));
        }

        var (a, b) = (new float[recognizer.ClassCount], new float[recognizer.ClassCount]);
        var emb = new float[recognizer.EmbeddingDimension];
        recognizer.Recognize(view, a, emb);
        recognizer.Recognize(copy, b, emb);

        Assert.Equal(b, a);
        Assert.Equal(1f, a.Sum(), 3);
    }

    [Fact]
    public void Recognize_FrameAndCropViewsSteadyState_AllocateNothingManaged()
    {
        using var recognizer = new OnnxProductRecognizer(RepoPaths.RecognizerFolder);
        using var frame = new RgbaFrame();
        new SkiaFrameDecoder().Decode(File.ReadAllBytes(Banana), frame);
        FrameView[] views = [frame, frame.Crop(new ItemBox(10, 20, 200, 180)), frame.Crop(new ItemBox(50, 5, 300, 250))];
        var probs = new float[recognizer.ClassCount];
        var emb = new float[recognizer.EmbeddingDimension];
        for (var i = 0; i < 3; i++)
        {
            recognizer.Recognize(views[i], probs, emb);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 12; i++)
        {
            recognizer.Recognize(views[i % 3], probs, emb);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static RgbaFrame Noise(int width, int height, int seed)
    {
        var frame = new RgbaFrame();
        frame.Resize(width, height);
        new Random(seed).NextBytes(frame.Pixels);
        for (var i = 3; i < frame.Pixels.Length; i += 4)
        {
            frame.Pixels[i] = 255; // opaque, as decoded camera frames are
        }

        return frame;
    }
}
