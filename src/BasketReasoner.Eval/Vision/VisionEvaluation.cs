using System.Diagnostics;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Numerics;
using BasketReasoner.Core.Vision;
using BasketReasoner.Eval.Replay;

namespace BasketReasoner.Eval.Vision;

/// <summary>Scores the recognizer alone on a dataset split: top-1/top-5, by category, confusions, latency.</summary>
public static class VisionEvaluation
{
    public static VisionReport Run(IProductRecognizer recognizer, ProductCatalog catalog, string dataRoot, string split, IProgress<int>? progress = null)
    {
        var images = SplitFile.Read(dataRoot, split);
        var folder = DataRoot.ImagesFolder(dataRoot);
        var probs = new float[recognizer.ClassCount];
        var emb = new float[recognizer.EmbeddingDimension];
        Span<int> top = stackalloc int[5];
        var latencies = new List<double>(images.Count);
        var errors = new List<string>();
        var confusions = new Dictionary<(int, int), int>();
        var byTop = new Dictionary<string, (int Ok, int N)>();
        var byCoarse = new Dictionary<string, (int Ok, int N)>();
        int ok1 = 0, ok5 = 0, okCoarse = 0, n = 0;
        long allocated = 0;
        var measured = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var img = images[i];
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(Path.Combine(folder, img.Path));
            }
            catch (IOException ex)
            {
                errors.Add($"{img.Path}: {ex.Message}");
                continue;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var t = Stopwatch.GetTimestamp();
            try
            {
                recognizer.Recognize(bytes, probs, emb);
            }
            catch (InvalidImageException ex)
            {
                errors.Add($"{img.Path}: {ex.Message}");
                continue;
            }

            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (i >= 10)
            {
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                measured++;
            }

            TopK.Indices<float>(probs, top);
            var truth = catalog[img.ClassIndex];
            var hit = top[0] == img.ClassIndex;
            n++;
            ok1 += hit ? 1 : 0;
            ok5 += top.Contains(img.ClassIndex) ? 1 : 0;
            okCoarse += catalog[top[0]].CoarseCategory == truth.CoarseCategory ? 1 : 0;
            Bump(byTop, truth.TopCategory, hit);
            Bump(byCoarse, truth.CoarseCategory, hit);
            if (!hit)
            {
                confusions[(img.ClassIndex, top[0])] = confusions.GetValueOrDefault((img.ClassIndex, top[0])) + 1;
            }

            progress?.Report(i + 1);
        }

        return new VisionReport
        {
            Split = split,
            Images = n,
            Top1 = Ratio(ok1, n),
            Top5 = Ratio(ok5, n),
            CoarseTop1 = Ratio(okCoarse, n),
            Top1ByTopCategory = byTop.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => Ratio(kv.Value.Ok, kv.Value.N)),
            Top1ByCoarseCategory = byCoarse.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => Ratio(kv.Value.Ok, kv.Value.N)),
            TopConfusions = confusions.OrderByDescending(kv => kv.Value).Take(15)
                .Select(kv => new Confusion(catalog[kv.Key.Item1].Id, catalog[kv.Key.Item2].Id, kv.Value)).ToArray(),
            LatencyMs = LatencySummary.From(latencies),
            AllocatedBytesPerFrame = measured == 0 ? 0 : (double)allocated / measured,
            Errors = errors,
        };
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    private static void Bump(Dictionary<string, (int Ok, int N)> d, string key, bool hit)
    {
        var (ok, n) = d.GetValueOrDefault(key);
        d[key] = (ok + (hit ? 1 : 0), n + 1);
    }

}
