using BasketReasoner.Core.Data;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Attribution;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Detection;
using BasketReasoner.Vision.Imaging;
using SkiaSharp;

namespace BasketReasoner.Tests.Attribution;

/// <summary>
/// The shipped detector and attribution on cart frames composed from real test-split product photos: an item
/// placed beside two others, then one of them taken out.
/// </summary>
public sealed class RealFramesAttributionTests
{
    private static readonly string Images = DataRoot.ImagesFolder(DataRoot.Resolve());

    private static byte[] Photo(string relative) => File.ReadAllBytes(Path.Combine(Images, relative));

    private static readonly byte[] Milk = Photo("test/Packages/Milk/Arla-Lactose-Medium-Fat-Milk/Arla-Lactose-Medium-Fat-Milk_012.jpg");
    private static readonly byte[] Oatghurt = Photo("test/Packages/Oatghurt/Oatly-Natural-Oatghurt/Oatly-Natural-Oatghurt_001.jpg");
    private static readonly byte[] Soy = Photo("test/Packages/Soy-Milk/Alpro-Shelf-Soy-Milk/Alpro-Shelf-Soy-Milk_012.jpg");

    private static readonly SKRectI MilkBox = SKRectI.Create(40, 40, 130, 170);
    private static readonly SKRectI OatBox = SKRectI.Create(250, 60, 140, 120);
    private static readonly SKRectI SoyBox = SKRectI.Create(150, 260, 120, 150);

    private static FramesAttributor Open(out OnnxItemDetector detector)
    {
        var folder = Path.Combine(RepoPaths.Root, "models", "detector");
        Assert.True(File.Exists(Path.Combine(folder, DetectorModelCard.ModelFileName)), $"No detector in {folder}.");
        detector = new OnnxItemDetector(folder);
        return new FramesAttributor(detector, new SkiaFrameDecoder(), new EventAttributor(new AttributionOptions()));
    }

    private static ItemBox Box(SKRectI r) => new(r.Left, r.Top, r.Right, r.Bottom);

    // The pasted photos keep their own backgrounds, so the product inside a rectangle is smaller than it: the
    // chosen box must sit on the right rectangle (its centre inside it) and mostly within it.
    private static bool On(ItemBox chosen, SKRectI r) =>
        r.Contains((int)chosen.CenterX, (int)chosen.CenterY) && Intersection(chosen, Box(r)) >= 0.7f * chosen.Area;

    private static float Intersection(ItemBox a, ItemBox b) =>
        MathF.Max(0, MathF.Min(a.X1, b.X1) - MathF.Max(a.X0, b.X0)) * MathF.Max(0, MathF.Min(a.Y1, b.Y1) - MathF.Max(a.Y0, b.Y0));

    [Fact]
    public void Attribute_AddBesideTwoItems_ChoosesTheNewItemsBox()
    {
        var before = CartFrames.Compose([(Milk, MilkBox), (Oatghurt, OatBox)], seed: 1);
        var after = CartFrames.Compose([(Milk, MilkBox), (Oatghurt, OatBox), (Soy, SoyBox)], seed: 2);
        var frames = Open(out var detector);
        using (detector)
        {
            var a = Assert.Single(frames.Attribute(CartEventType.Add, [new CameraFramePair("cam0", before, after)]));

            Assert.NotNull(a.Box);
            Assert.True(On(a.Box.Value, SoyBox), $"chose {a.Box} ({a.Reason}), the new item is at {Box(SoyBox)}");
        }
    }

    [Fact]
    public void Attribute_RemoveOneOfThree_ChoosesTheTakenItemInBefore()
    {
        var before = CartFrames.Compose([(Milk, MilkBox), (Oatghurt, OatBox), (Soy, SoyBox)], seed: 3);
        var after = CartFrames.Compose([(Milk, MilkBox), (Soy, SoyBox)], seed: 4);
        var frames = Open(out var detector);
        using (detector)
        {
            var a = Assert.Single(frames.Attribute(CartEventType.Remove, [new CameraFramePair("cam0", before, after)]));

            Assert.NotNull(a.Box);
            Assert.True(On(a.Box.Value, OatBox), $"chose {a.Box} ({a.Reason}), the taken item was at {Box(OatBox)}");
        }
    }

    [Fact]
    public void Detect_ComposedFrame_FindsMostItemsWithoutManagedAllocation()
    {
        var frame = new RgbaFrame();
        new SkiaFrameDecoder().Decode(CartFrames.Compose([(Milk, MilkBox), (Oatghurt, OatBox), (Soy, SoyBox)]), frame);
        Open(out var detector);
        using (detector)
        {
            var found = new List<ItemDetection>(64);
            detector.Detect(frame, found);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 5; i++)
            {
                detector.Detect(frame, found);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            var hits = new[] { MilkBox, OatBox, SoyBox }.Count(r => found.Any(d => On(d.Box, r)));
            Assert.True(hits >= 2, $"found {hits} of 3 items: {string.Join(", ", found)}");
        }
    }

    [Fact]
    public void Attribute_BeforeAndAfterOfDifferentSizes_InvalidImage()
    {
        using var small = new SKBitmap(64, 64);
        using var data = small.Encode(SKEncodedImageFormat.Jpeg, 90);
        var frames = Open(out var detector);
        using (detector)
        {
            Assert.Throws<InvalidImageException>(() => frames.Attribute(
                CartEventType.Add, [new CameraFramePair("cam0", CartFrames.Compose([]), data.ToArray())]));
        }
    }
}
