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
    private readonly LabelTextGate? _gate;
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
            _gate = new LabelTextGate(catalog, _matcher);
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

    /// <summary>
    /// Leave label text unread even where the gate would read it, and flag such a resolution
    /// <see cref="Resolution.LabelTextPending"/>: the caller answers from fusion without text and refines the event
    /// off its request path by resolving it again on a resolver that reads text. Default: false (read inline).
    /// </summary>
    public bool DeferLabelText { get; set; }

    private PendingLabel? _pending;

    /// <summary>
    /// What the last resolution that deferred its label needs to be refined without running the recognizer again
    /// (see <see cref="ResolveLabel"/>), or <c>null</c>; taking it clears it. Call on the same thread, right after.
    /// </summary>
    public PendingLabel? TakePendingLabel()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }

    /// <summary>
    /// Refines a resolution that deferred its label: reads the label from <paramref name="frames"/>[<see cref="PendingLabel.LabelFrame"/>]
    /// and fuses again from the recognizer output kept in <paramref name="pending"/> (no second recognizer pass).
    /// Any resolver with a text reader can do it, not only the one that deferred.
    /// </summary>
    /// <exception cref="InvalidImageException">The frame does not decode.</exception>
    public Resolution ResolveLabel(CartEvent cartEvent, PendingLabel pending, IReadOnlyList<ReadOnlyMemory<byte>> frames, Basket basket)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var start = Stopwatch.GetTimestamp();
        var resolution = ReadText(new EncodedFrames(frames), pending.LabelFrame)
            ? _fusion.Fuse(cartEvent, pending.Probabilities, pending.Similarity, _text, basket, pending.Views)
            : _fusion.Fuse(cartEvent, pending.Probabilities, pending.Similarity, [], basket, pending.Views);
        return resolution with { LabelTextRead = true, LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }

    /// <summary>The evidence sources this resolver's fusion sums, in order.</summary>
    public IReadOnlyList<Core.Evidence.IEvidenceSource> Sources => _fusion.Sources;

    /// <inheritdoc cref="EvidenceFusion.Learn"/>
    public void Learn(CartEvent cartEvent, string productId, string contributor) => _fusion.Learn(cartEvent, productId, contributor);

    public Resolution Resolve(CartEvent cartEvent, ReadOnlySpan<byte> encodedImage, Basket basket) =>
        ResolveFrames(cartEvent, new OneEncoded(encodedImage), basket);

    /// <summary>
    /// Resolves an event seen by several cameras: the class probabilities are averaged over the frames and each
    /// product keeps its best prototype similarity, then fusion runs once. One frame is <see cref="Resolve(CartEvent, ReadOnlySpan{byte}, Basket)"/>.
    /// </summary>
    /// <exception cref="InvalidImageException">A frame does not decode.</exception>
    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<ReadOnlyMemory<byte>> frames, Basket basket) =>
        ResolveFrames(cartEvent, new EncodedFrames(frames), basket);

    /// <summary>
    /// As <see cref="Resolve(CartEvent, IReadOnlyList{ReadOnlyMemory{byte}}, Basket)"/> on decoded pixels: each view
    /// (a whole frame or a crop of one, no copy) goes to the recognizer, and label text is read from the views too.
    /// </summary>
    public Resolution Resolve(CartEvent cartEvent, IReadOnlyList<FrameView> views, Basket basket) =>
        ResolveFrames(cartEvent, new PixelFrames(views), basket);

    // One body for bytes and pixels; the frame set is a struct (a ref struct for one span), so this is specialised
    // per kind and neither boxes nor allocates.
    private Resolution ResolveFrames<TFrames>(CartEvent cartEvent, TFrames frames, Basket basket)
        where TFrames : IFrameSet, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        var start = Stopwatch.GetTimestamp();
        if (frames.Count == 1)
        {
            frames.Recognize(_recognizer, 0, _probs, _embedding);
            if (_similarity is null)
            {
                Array.Clear(_sim);
            }
            else
            {
                _similarity.ScoreProducts(_embedding, _sim);
            }

            var single = FuseWithText(cartEvent, _probs, _sim, frames, 0, basket);
            return single with { LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
        }

        var probs = _viewProbs;
        var sim = _viewSim;
        Array.Clear(probs);
        Array.Fill(sim, float.NegativeInfinity);
        var labelFrame = 0;
        var labelMass = double.NegativeInfinity;
        for (var f = 0; f < frames.Count; f++)
        {
            frames.Recognize(_recognizer, f, _probs, _embedding);
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
        var resolution = FuseWithText(cartEvent, probs, sim, frames, labelFrame, basket);
        return resolution with { LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }

    // Fusion without text first (microseconds); label text (tens to hundreds of ms) only when the gate says it can
    // still change the decision, and then fused again.
    private Resolution FuseWithText<TFrames>(CartEvent cartEvent, float[] probs, float[] sim, TFrames frames, int labelFrame, Basket basket)
        where TFrames : IFrameSet, allows ref struct
    {
        var resolution = _fusion.Fuse(cartEvent, probs, sim, [], basket, frames.Count);
        if (_gate is null || !_gate.ShouldRead(Options, PackagedMass(_probs, _labelled), resolution))
        {
            return resolution;
        }

        if (DeferLabelText)
        {
            _pending = new PendingLabel([.. probs], [.. sim], labelFrame) { Views = frames.Count };
            return resolution with { LabelTextPending = true };
        }

        // Read even when no catalog term matched: the flag says what the event paid for, not what text changed.
        return ReadText(frames, labelFrame) ? _fusion.Fuse(cartEvent, probs, sim, _text, basket, frames.Count) with { LabelTextRead = true } : resolution with { LabelTextRead = true };
    }

    /// <summary>
    /// The label-text gates on posteriors alone: the recognizer sees enough pack (<see cref="FusionOptions.TextGatePackagedMass"/>)
    /// and the fusion without text is below the threshold at which its decision stands
    /// (<see cref="LabelTextGateOptions.DecidedAt"/>, else <see cref="FusionOptions.TextSkipConfidence"/>). A resolver
    /// with a text reader also applies <see cref="LabelTextGate.CanReach"/>.
    /// </summary>
    public static bool ShouldReadText(FusionOptions options, double packagedMass, double confidenceWithoutText) =>
        options.TextWeight > 0 && packagedMass >= options.TextGatePackagedMass
        && confidenceWithoutText < options.TextGate.DecidedAtOr(options.TextSkipConfidence);

    private bool ReadText<TFrames>(TFrames frames, int index)
        where TFrames : IFrameSet, allows ref struct
    {
        if (_textReader is null || _matcher is null)
        {
            return false;
        }

        var start = Stopwatch.GetTimestamp();
        var lines = frames.Read(_textReader, index);
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

    /// <summary>A deferred label's inputs: the recognizer's averaged probabilities, best similarities, and the view to read.</summary>
    public sealed record PendingLabel(float[] Probabilities, float[] Similarity, int LabelFrame)
{
    /// <summary>How many views the kept recognizer output was averaged over (see <see cref="EvidenceFusion.Fuse(Core.Events.CartEvent, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Core.Baskets.Basket, int)"/>). Default: 1.</summary>
    public int Views { get; init; } = 1;
}

    // What the recognizer and the label reader are given: encoded frames (decoded by them) or pixels.
    private interface IFrameSet
    {
        int Count { get; }

        void Recognize(IProductRecognizer recognizer, int index, Span<float> probabilities, Span<float> embedding);

        IReadOnlyList<RecognizedText> Read(ILabelTextReader reader, int index);
    }

    private readonly ref struct OneEncoded(ReadOnlySpan<byte> frame) : IFrameSet
    {
        private readonly ReadOnlySpan<byte> _frame = frame;

        public int Count => 1;

        public void Recognize(IProductRecognizer recognizer, int index, Span<float> probabilities, Span<float> embedding) =>
            recognizer.Recognize(_frame, probabilities, embedding);

        public IReadOnlyList<RecognizedText> Read(ILabelTextReader reader, int index) => reader.Read(_frame);
    }

    private readonly struct EncodedFrames(IReadOnlyList<ReadOnlyMemory<byte>> frames) : IFrameSet
    {
        public int Count => frames.Count;

        public void Recognize(IProductRecognizer recognizer, int index, Span<float> probabilities, Span<float> embedding) =>
            recognizer.Recognize(frames[index].Span, probabilities, embedding);

        public IReadOnlyList<RecognizedText> Read(ILabelTextReader reader, int index) => reader.Read(frames[index].Span);
    }

    private readonly struct PixelFrames(IReadOnlyList<FrameView> views) : IFrameSet
    {
        public int Count => views.Count;

        public void Recognize(IProductRecognizer recognizer, int index, Span<float> probabilities, Span<float> embedding) =>
            recognizer.Recognize(views[index], probabilities, embedding);

        public IReadOnlyList<RecognizedText> Read(ILabelTextReader reader, int index) => reader.Read(views[index]);
    }
}
