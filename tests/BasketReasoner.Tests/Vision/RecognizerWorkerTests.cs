using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Tests.Vision;

/// <summary>Workers on one ONNX session: same answers, own buffers, the session left to its owner.</summary>
public sealed class RecognizerWorkerTests
{
    [Fact]
    public void CreateWorker_ConcurrentOnOneSession_EveryWorkerGivesTheOwnersProbabilities()
    {
        using var owner = new OnnxProductRecognizer(RepoPaths.RecognizerFolder);
        var frame = SyntheticFrame();
        var expected = new float[owner.ClassCount];
        owner.Recognize(frame, expected, new float[owner.EmbeddingDimension]);
        var workers = Enumerable.Range(0, 3).Select(_ => owner.CreateWorker()).ToArray();

        var results = workers.AsParallel().Select(w =>
        {
            var probs = new float[w.ClassCount];
            for (var i = 0; i < 5; i++)
            {
                w.Recognize(frame, probs, new float[w.EmbeddingDimension]);
            }

            return probs;
        }).ToArray();

        Assert.All(results, probs => Assert.Equal(expected, probs));
        foreach (var w in workers)
        {
            w.Dispose();
        }
    }

    [Fact]
    public void Dispose_Worker_LeavesTheOwnersSessionUsable()
    {
        using var owner = new OnnxProductRecognizer(RepoPaths.RecognizerFolder);
        owner.CreateWorker().Dispose();

        var probs = new float[owner.ClassCount];
        owner.Recognize(SyntheticFrame(), probs, new float[owner.EmbeddingDimension]);

        Assert.Equal(1f, probs.Sum(), 3);
    }

    private static byte[] SyntheticFrame()
    {
        using var bitmap = new SkiaSharp.SKBitmap(200, 160);
        bitmap.Erase(new SkiaSharp.SKColor(30, 160, 60));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
