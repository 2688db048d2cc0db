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
}
