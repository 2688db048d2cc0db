using System.Diagnostics;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Text;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// The first stage of the cart pipeline: frame → recognizer → prototype similarity → (label text, when the
/// recognizer sees a pack) → <see cref="EvidenceFusion"/>. Reuses its evidence buffers; not thread-safe (one per worker).
/// </summary>
public sealed class FusionResolver : ICartEventResolver
{
    private readonly IProductRecognizer _recognizer;
    private readonly IProductSimilarity? _similarity;
    private readonly EvidenceFusion _fusion;
    private readonly float[] _probs;
    private readonly float[] _embedding;
    private readonly float[] _sim;
    private readonly float[] _viewProbs;
    private readonly float[] _viewSim;
    private readonly ILabelTextReader? _textReader;
    private readonly LabelTextMatcher? _matcher;
    private readonly float[] _text;
    private readonly bool[] _labelled;

    public FusionResolver(ProductCatalog catalog, IProductRecognizer recognizer, IProductSimilarity? similarity, FusionOptions options)
        : this(catalog, recognizer, similarity, options, null)
    {
    }

    /// <param name="textReader">
    /// Reads label text; used only when <see cref="FusionOptions.TextWeight"/> is above 0 and the recognizer puts at
    /// least <see cref="FusionOptions.TextGatePackagedMass"/> on packaged products. <c>null</c>: no label text.
    /// </param>
    public FusionResolver(
        ProductCatalog catalog, IProductRecognizer recognizer, IProductSimilarity? similarity, FusionOptions options, ILabelTextReader? textReader)
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
        _viewProbs = new float[catalog.Count];
        _viewSim = new float[catalog.Count];
        _embedding = new float[recognizer.EmbeddingDimension];
        _text = new float[catalog.Count];
        if (textReader is not null)
        {
            _textReader = textReader;
            _matcher = new LabelTextMatcher(catalog);
        }

        _labelled = new bool[catalog.Count];
        for (var c = 0; c < catalog.Count; c++)
        {
            _labelled[c] = !string.IsNullOrWhiteSpace(catalog[c].Brand);
        }
    }

    /// <summary>Frames whose label text was read, since construction.</summary>
    public int TextReads { get; private set; }

    /// <summary>Wall time spent reading label text (OCR and matching), since construction.</summary>
    public TimeSpan TextTime { get; private set; }

    public FusionOptions Options => _fusion.Options;

    /// <summary>The evidence sources this resolver's fusion sums, in order.</summary>
    public IReadOnlyList<Core.Evidence.IEvidenceSource> Sources => _fusion.Sources;

    /// <inheritdoc cref="EvidenceFusion.Learn"/>
    public void Learn(CartEvent cartEvent, string productId) => _fusion.Learn(cartEvent, productId);

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

        var resolution = FuseWithText(cartEvent, _probs, _sim, encodedImage, basket);
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
        var probs = _viewProbs;
        var sim = _viewSim;
        Array.Clear(probs);
        Array.Fill(sim, float.NegativeInfinity);
        var labelFrame = 0;
        var labelMass = double.NegativeInfinity;
        for (var f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            _recognizer.Recognize(frame.Span, _probs, _embedding);
            var mass = PackagedMass(_probs, _labelled);
            if (mass > labelMass)
            {
                (labelFrame, labelMass) = (f, mass);
            }

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

        // Label text is read from the view that shows the most pack, gated on the averaged probabilities.
        probs.CopyTo(_probs, 0);
        var resolution = FuseWithText(cartEvent, probs, sim, frames[labelFrame].Span, basket);
        return resolution with { LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }

    // Fusion without text first (microseconds); label text (hundreds of ms) only when the gates let it change something.
    private Resolution FuseWithText(CartEvent cartEvent, float[] probs, float[] sim, ReadOnlySpan<byte> labelFrame, Basket basket)
    {
        var resolution = _fusion.Fuse(cartEvent, probs, sim, [], basket);
        if (!ShouldReadText(resolution.Confidence))
        {
            return resolution;
        }

        // Read even when no catalog term matched: the flag says what the event paid for, not what text changed.
        return ReadText(labelFrame) ? _fusion.Fuse(cartEvent, probs, sim, _text, basket) with { LabelTextRead = true } : resolution with { LabelTextRead = true };
    }

    private bool ShouldReadText(double confidenceWithoutText) =>
        _textReader is not null && ShouldReadText(Options, PackagedMass(_probs, _labelled), confidenceWithoutText);

    /// <summary>
    /// The label-text gates: the recognizer sees enough pack (<see cref="FusionOptions.TextGatePackagedMass"/>) and the
    /// fusion without text is below <see cref="FusionOptions.TextSkipConfidence"/>.
    /// </summary>
    public static bool ShouldReadText(FusionOptions options, double packagedMass, double confidenceWithoutText) =>
        options.TextWeight > 0 && packagedMass >= options.TextGatePackagedMass && confidenceWithoutText < options.TextSkipConfidence;

    private bool ReadText(ReadOnlySpan<byte> encodedImage)
    {
        if (_textReader is null || _matcher is null)
        {
            return false;
        }


        var start = Stopwatch.GetTimestamp();
        var lines = _textReader.Read(encodedImage);
        var any = _matcher.Score(lines, _text);
        TextReads++;
        TextTime += Stopwatch.GetElapsedTime(start);
        return any;
    }

    /// <summary>The recognizer's probability mass on products that carry a label (branded packs).</summary>
    public static double PackagedMass(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labelled)
    {
        double mass = 0;
        for (var c = 0; c < labelled.Length; c++)
        {
            if (labelled[c])
            {
                mass += probabilities[c];
            }
        }

        return mass;
    }
}
