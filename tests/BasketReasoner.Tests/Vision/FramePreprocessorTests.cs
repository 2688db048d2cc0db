using BasketReasoner.Core.Data;
using BasketReasoner.Core.Vision;
using BasketReasoner.Vision.Preprocessing;

namespace BasketReasoner.Tests.Vision;

public sealed class FramePreprocessorTests
{
    [Fact]
    public void Preprocess_RealJpeg_WritesPlanarTensorInUnitRange()
    {
        var jpeg = File.ReadAllBytes(Path.Combine(DataRoot.ImagesFolder(DataRoot.Resolve()), "train/Fruit/Banana/Banana_001.jpg"));
        using var pre = new FramePreprocessor();
        var tensor = new float[pre.TensorLength];

        pre.Preprocess(jpeg, tensor);

        Assert.All(tensor, v => Assert.InRange(v, 0f, 1f));
        var plane = pre.InputSize * pre.InputSize;
        var red = tensor.AsSpan(0, plane).ToArray().Average();
        var blue = tensor.AsSpan(2 * plane, plane).ToArray().Average();
        Assert.True(red > blue, "a banana photo has more red than blue in it");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    public void Preprocess_CorruptBytes_ThrowsInvalidImage(byte[] bytes)
    {
        using var pre = new FramePreprocessor();
        var tensor = new float[pre.TensorLength];

        Assert.Throws<InvalidImageException>(() => pre.Preprocess(bytes, tensor));
    }

    [Fact]
    public void Preprocess_TruncatedJpeg_DecodesWhatArrivedOrThrowsInvalidImage()
    {
        var jpeg = File.ReadAllBytes(Path.Combine(DataRoot.ImagesFolder(DataRoot.Resolve()), "train/Fruit/Banana/Banana_001.jpg"));
        using var pre = new FramePreprocessor();
        var tensor = new float[pre.TensorLength];

        var ex = Record.Exception(() => pre.Preprocess(jpeg.AsSpan(0, 200), tensor));

        Assert.True(ex is null or InvalidImageException, $"unexpected {ex?.GetType().Name}");
        pre.Preprocess(jpeg, tensor);
        Assert.Contains(tensor, v => v > 0);
    }

    [Fact]
    public void Preprocess_SteadyState_AllocatesOnlySkiaHandles()
    {
        var jpeg = File.ReadAllBytes(Path.Combine(DataRoot.ImagesFolder(DataRoot.Resolve()), "train/Fruit/Banana/Banana_001.jpg"));
        using var pre = new FramePreprocessor();
        var tensor = new float[pre.TensorLength];
        for (var i = 0; i < 3; i++)
        {
            pre.Preprocess(jpeg, tensor);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            pre.Preprocess(jpeg, tensor);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 20.0;
        Assert.True(perCall < 1024, $"preprocessing allocated {perCall} bytes per frame");
    }
}
