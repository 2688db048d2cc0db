using BasketReasoner.Composition;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Server.Hosting;

/// <summary>
/// The one warmed pipeline a server process shares between carts. Fusion reuses buffers, so calls are serialized
/// here (≈ 10 ms each on one core); the lock is the pipeline object, so servers sharing one pipeline share it too.
/// </summary>
internal sealed class PipelineHost(CartPipeline pipeline)
{
    public ProductCatalog Catalog => pipeline.Catalog;

    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<ReadOnlyMemory<byte>> frames, Basket basket)
    {
        lock (pipeline)
        {
            return pipeline.Resolver.Resolve(cartEvent, frames, basket);
        }
    }

    /// <summary>Resolves from per-camera before/after frames (attribution when the detector is loaded).</summary>
    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket)
    {
        lock (pipeline)
        {
            return pipeline.ResolveFrames(cartEvent, frames, basket);
        }
    }

    /// <summary>The recognizer's class probabilities averaged over <paramref name="frames"/>, indexed by class.</summary>
    public float[] ClassProbabilities(IReadOnlyList<ReadOnlyMemory<byte>> frames)
    {
        var sum = new float[pipeline.Catalog.Count];
        var probs = new float[pipeline.Catalog.Count];
        var embedding = new float[pipeline.Recognizer.EmbeddingDimension];
        lock (pipeline)
        {
            foreach (var f in frames)
            {
                pipeline.Recognizer.Recognize(f.Span, probs, embedding);
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += probs[i] / frames.Count;
                }
            }
        }

        return sum;
    }
}
