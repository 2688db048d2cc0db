using System.Diagnostics;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// The first stage of the cart pipeline: frame → recognizer → prototype similarity → <see cref="EvidenceFusion"/>.
/// Reuses its evidence buffers; not thread-safe (one per worker).
/// </summary>
public sealed class FusionResolver : ICartEventResolver
{
    private readonly IProductRecognizer _recognizer;
    private readonly IProductSimilarity? _similarity;
    private readonly EvidenceFusion _fusion;
    private readonly float[] _probs;
    private readonly float[] _embedding;
    private readonly float[] _sim;

    public FusionResolver(ProductCatalog catalog, IProductRecognizer recognizer, IProductSimilarity? similarity, FusionOptions options)
    {
        if (recognizer.ClassCount != catalog.Count)
        {
            throw new ArgumentException($"Recognizer has {recognizer.ClassCount} classes, the catalog {catalog.Count} products.");
        }

        _recognizer = recognizer;
        _similarity = similarity;
        _fusion = new EvidenceFusion(catalog, options);
        _probs = new float[catalog.Count];
        _sim = new float[catalog.Count];
        _embedding = new float[recognizer.EmbeddingDimension];
    }

    public FusionOptions Options => _fusion.Options;

    public Resolution Resolve(CartEvent cartEvent, ReadOnlySpan<byte> encodedImage, Basket basket)
    {
        var start = Stopwatch.GetTimestamp();
        _recognizer.Recognize(encodedImage, _probs, _embedding);
        if (_similarity is null)
        {
            Array.Clear(_sim);
        }
        else
        {
            _similarity.ScoreProducts(_embedding, _sim);
        }

        var resolution = _fusion.Fuse(cartEvent, _probs, _sim, basket);
        return resolution with { LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }

    /// <summary>
    /// Resolves an event seen by several cameras: the class probabilities are averaged over the frames and each
    /// product keeps its best prototype similarity, then fusion runs once. One frame is <see cref="Resolve(CartEvent, ReadOnlySpan{byte}, Basket)"/>.
    /// </summary>
    /// <exception cref="InvalidImageException">A frame does not decode.</exception>
    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<ReadOnlyMemory<byte>> frames, Basket basket)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        if (frames.Count == 1)
        {
            return Resolve(cartEvent, frames[0].Span, basket);
        }

        var start = Stopwatch.GetTimestamp();
        var probs = new float[_probs.Length];
        var sim = new float[_sim.Length];
        Array.Fill(sim, float.NegativeInfinity);
        foreach (var frame in frames)
        {
            _recognizer.Recognize(frame.Span, _probs, _embedding);
            for (var i = 0; i < probs.Length; i++)
            {
                probs[i] += _probs[i] / frames.Count;
            }

            if (_similarity is not null)
            {
                _similarity.ScoreProducts(_embedding, _sim);
                for (var i = 0; i < sim.Length; i++)
                {
                    sim[i] = MathF.Max(sim[i], _sim[i]);
                }
            }
        }

        if (_similarity is null)
        {
            Array.Clear(sim);
        }

        var resolution = _fusion.Fuse(cartEvent, probs, sim, basket);
        return resolution with { LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }
}
