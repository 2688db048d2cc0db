using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using SkiaSharp;

namespace BasketReasoner.Server.Tests.Api;

/// <summary>Events with before/after frames per cart camera: attributed to a box per camera, or a clear 400.</summary>
[Collection(ServerCollection.Name)]
public sealed class CameraFramesEventTests(ServerFixture fx)
{
    private static readonly SKRectI Old = SKRectI.Create(30, 40, 140, 150);
    private static readonly SKRectI New = SKRectI.Create(230, 220, 150, 170);

    // A grey cart floor with product photos drawn at the given rectangles, as a 448 × 448 JPEG.
    private static byte[] Cart(params (byte[] Photo, SKRectI Box)[] items)
    {
        using var bitmap = new SKBitmap(448, 448);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(118, 120, 124));
            foreach (var (photo, box) in items)
            {
                using var image = SKImage.FromEncodedData(photo);
                canvas.DrawImage(image, SKRect.Create(box.Left, box.Top, box.Width, box.Height), new SKSamplingOptions(SKFilterMode.Linear));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static object Body(string id, params (string Camera, byte[] Before, byte[] After)[] cameras) => new
    {
        id,
        type = "add",
        weight_delta_g = 1030.0,
        frames = cameras.Select(c => new { camera = c.Camera, before = Convert.ToBase64String(c.Before), after = Convert.ToBase64String(c.After) }).ToArray(),
    };

    [Fact]
    public async Task Events_BeforeAfterFramesForTwoCameras_AttributedToTheNewItemInEach()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var oat = fx.Frame(EscalationStageTests.OatghurtFrame);
        var milk = fx.Frame("test/Packages/Milk/Arla-Lactose-Medium-Fat-Milk/Arla-Lactose-Medium-Fat-Milk_012.jpg");
        var before = Cart((milk, Old));
        var after = Cart((milk, Old), (oat, New));

        var result = await Events.PostAsync(http, "cart-a", Body("e1", ("cam0", before, after), ("cam1", before, after)));

        var views = result.GetProperty("attribution").EnumerateArray().ToArray();
        Assert.Equal(["cam0", "cam1"], views.Select(v => v.GetProperty("camera").GetString()));
        foreach (var v in views)
        {
            var box = v.GetProperty("box");
            Assert.Equal(JsonValueKind.Object, box.ValueKind);
            var (cx, cy) = ((box.GetProperty("x0").GetSingle() + box.GetProperty("x1").GetSingle()) / 2, (box.GetProperty("y0").GetSingle() + box.GetProperty("y1").GetSingle()) / 2);
            Assert.True(New.Contains((int)cx, (int)cy), $"box centre ({cx}, {cy}) is not on the new item {New}: {v}");
        }

        Assert.Equal("e1", result.GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task Events_BadBeforeAfterFrames_400AndNothingChanged()
    {
        await using var server = await fx.StartAsync();
        using var http = server.Client(ServerFixture.KeyA);
        var good = Cart();
        var corrupt = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        using var small = new SKBitmap(64, 64);
        using var smallData = small.Encode(SKEncodedImageFormat.Jpeg, 90);
        var b64 = Convert.ToBase64String(good);
        var cases = new (object Body, string Says)[]
        {
            (Body("x", ("cam0", good, corrupt)), "decoded"),
            (Body("x", ("cam0", good, smallData.ToArray())), "must match"),
            (Body("x", ("cam0", good, good), ("cam0", good, good)), "repeats camera"),
            (new { id = "x", type = "add", weight_delta_g = 10.0, frames = new object[] { new { camera = "cam0", before = b64 } } }, "frames[0].after"),
            (new { id = "x", type = "add", weight_delta_g = 10.0, frames = new object[] { new { before = b64, after = b64 } } }, "camera"),
            (new { id = "x", type = "add", weight_delta_g = 10.0, frames = new object[] { new { camera = "a", before = b64, after = b64 }, new { camera = "b", jpeg = b64 } } }, "one kind"),
            (new { id = "x", type = "add", weight_delta_g = 10.0, frames = new object[] { new { camera = "a", before = "iVBORw0KGgoAAAANSUhEUg==", after = b64 } } }, "JPEG"),
        };
        foreach (var (body, says) in cases)
        {
            using var response = await http.PostAsJsonAsync("/v1/carts/cart-a/events", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{says}: {(int)response.StatusCode} {text}");
            Assert.Contains(says, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, (await Events.BasketAsync(http, "cart-a")).GetProperty("items").GetInt32());
    }
}
