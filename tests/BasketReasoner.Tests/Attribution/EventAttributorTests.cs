using BasketReasoner.Core.Events;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Attribution;

namespace BasketReasoner.Tests.Attribution;

/// <summary>Before/after comparison on hand-drawn frames and hand-placed detections.</summary>
public sealed class EventAttributorTests
{
    private const int Size = 64;
    private static readonly ItemBox Old = new(4, 4, 24, 24);
    private static readonly ItemBox New = new(36, 36, 60, 60);

    private static RgbaFrame Frame(params ItemBox[] items)
    {
        var f = new RgbaFrame();
        f.Resize(Size, Size);
        f.Pixels.Fill(100);
        foreach (var b in items)
        {
            for (var y = (int)b.Y0; y < (int)b.Y1; y++)
            {
                for (var x = (int)b.X0; x < (int)b.X1; x++)
                {
                    var i = ((y * Size) + x) * 4;
                    (f.Pixels[i], f.Pixels[i + 1], f.Pixels[i + 2]) = (220, 40, 40);
                }
            }
        }

        return f;
    }

    private static ItemDetection[] Detected(params ItemBox[] boxes) => boxes.Select(b => new ItemDetection(b, 0.9f)).ToArray();

    [Fact]
    public void Attribute_AddNextToAnOldItem_ChoosesTheArrivedBox()
    {
        var view = new CameraView("cam0", Frame(Old), Frame(Old, New), Detected(Old), Detected(Old, New));

        var a = Assert.Single(new EventAttributor(new AttributionOptions()).Attribute(CartEventType.Add, [view]));

        Assert.Equal(New, a.Box);
        Assert.Equal("changed-box", a.Reason);
        Assert.True(a.Change > 0.9f);
    }

    [Fact]
    public void Attribute_Remove_ChoosesTheVanishedBoxInBefore()
    {
        var view = new CameraView("cam0", Frame(Old, New), Frame(New), Detected(Old, New), Detected(New));

        var a = Assert.Single(new EventAttributor(new AttributionOptions()).Attribute(CartEventType.Remove, [view]));

        Assert.Equal(Old, a.Box);
    }

    [Fact]
    public void Attribute_DetectorMissedTheItem_FallsBackToTheChangedRegion()
    {
        var view = new CameraView("cam0", Frame(Old), Frame(Old, New), Detected(Old), Detected(Old));

        var a = Assert.Single(new EventAttributor(new AttributionOptions { ChangeCell = 4 }).Attribute(CartEventType.Add, [view]));

        Assert.Equal("change-region", a.Reason);
        Assert.True(a.Box!.Value.IoU(New) >= 0.5f, $"{a.Box} vs {New}");
    }

    [Fact]
    public void Attribute_NothingChanged_WholeFrameWithTheReason()
    {
        var view = new CameraView("cam0", Frame(Old), Frame(Old), Detected(Old), Detected(Old));

        var a = Assert.Single(new EventAttributor(new AttributionOptions()).Attribute(CartEventType.Add, [view]));

        Assert.True(a.WholeFrame);
        Assert.Equal("whole-frame: no changed box", a.Reason);
    }

    [Fact]
    public void Attribute_TwoCamerasDisagree_FloorPairingPicksTheBoxesOfOneItem()
    {
        // cam1 sees two changed boxes; its best on its own (A, larger change) lies elsewhere on the floor than
        // cam0's item, the runner-up (B) projects onto the same floor spot. Identity calibration for cam0, a
        // mirror for cam1: floor = image / 64 (cam0), floor = (64 − x, y) / 64 (cam1).
        var a = new ItemBox(4, 36, 28, 60);
        var b = new ItemBox(4, 4, 26, 24);
        var bDrawn = new ItemBox(4, 4, 18, 24); // the box is looser than the item: less of it changed than of A
        var rig = new CameraRig(
            new Dictionary<string, Homography>
            {
                ["cam0"] = new([1.0 / 64, 0, 0, 0, 1.0 / 64, 0, 0, 0, 1]),
                ["cam1"] = new([-1.0 / 64, 0, 1, 0, 1.0 / 64, 0, 0, 0, 1]),
            },
            Size,
            Size);
        var cam0Item = new ItemBox(38, 4, 60, 24); // floor ≈ (0.77, 0.22); cam1's B maps to (0.77, 0.22) too
        var cam0 = new CameraView("cam0", Frame(), Frame(cam0Item), Detected(), Detected(cam0Item));
        var cam1 = new CameraView("cam1", Frame(), Frame(a, bDrawn), Detected(), Detected(a, b));

        var alone = new EventAttributor(new AttributionOptions()).Attribute(CartEventType.Add, [cam0, cam1]);
        var paired = new EventAttributor(new AttributionOptions(), rig).Attribute(CartEventType.Add, [cam0, cam1]);

        Assert.Equal(a, alone[1].Box);
        Assert.Equal(b, paired[1].Box);
        Assert.Equal("floor-match", paired[1].Reason);
        Assert.Equal(cam0Item, paired[0].Box);
    }

    [Fact]
    public void PixelChange_FramesOfDifferentSizes_Throws()
    {
        var small = new RgbaFrame();
        small.Resize(8, 8);

        Assert.Throws<ArgumentException>(() => PixelChange.Fraction(Frame(), small, Old, 60));
    }

    [Fact]
    public void CameraRig_Load_ReadsTheContractsCamerasJson()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"frame_size":[448,448],"cameras":{"cam0":{"floor_from_image":[0.5,0,0,0,0.25,0,0,0,1]},"cam1":{"floor_from_image":[1,0,0,0,1,0,0,0,2]}}}""");
        try
        {
            var rig = CameraRig.Load(path);

            Assert.True(rig.TryGetFloorFromImage("cam0", out var h0));
            Assert.Equal((2.0, 1.0), h0.Apply(4, 4));
            Assert.True(rig.TryGetFloorFromImage("cam1", out var h1));
            Assert.Equal((2.0, 2.0), h1.Apply(4, 4));
            Assert.Equal(448, rig.FrameWidth);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CameraRig_Load_ShortHomography_FormatError()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"frame_size":[448,448],"cameras":{"cam0":{"floor_from_image":[1,0,0]}}}""");
        try
        {
            Assert.Throws<FormatException>(() => CameraRig.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
