using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Attribution;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Products;
using BasketReasoner.Vision.Detection;
using BasketReasoner.Vision.Imaging;
using BasketReasoner.Vision.Ocr;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Composition;

/// <summary>
/// The embedded-defaults pipeline, wired once: catalog, ONNX recognizer, product prototype index, label-text OCR
/// (when its models were fetched and the fusion config gives text a weight), fusion, and — when
/// <c>models/detector</c> is present — the item detector and event attribution for before/after camera frames.
/// Owns what it opens.
/// </summary>
public sealed class CartPipeline : IDisposable
{
    private readonly EmbeddedVectorStore? _store;
    private readonly List<PipelineWorker> _workers = [];
    private readonly FusionOptions _options;
    private bool _gateFromConfig;
    private Func<FusionResolver, OnnxItemDetector, AttributingResolver>? _attributionFor;

    private CartPipeline(
        ProductCatalog catalog, OnnxProductRecognizer recognizer, EmbeddedVectorStore? store, ProductPrototypeIndex? index, FusionOptions options, PaddleOcrReader? ocr)
    {
        Catalog = catalog;
        Recognizer = recognizer;
        _store = store;
        Index = index;
        Ocr = ocr;
        _options = options;
        Resolver = new FusionResolver(catalog, recognizer, index, options, ocr);
    }

    /// <summary>The item detector, or <c>null</c> when <c>models/detector</c> is absent.</summary>
    public OnnxItemDetector? Detector { get; private set; }

    /// <summary>
    /// Resolves events from before/after frames per camera (detector → attribution → one crop per view → fusion);
    /// <c>null</c> without the detector, when callers fall back to the frames themselves.
    /// </summary>
    public AttributingResolver? Attribution { get; private set; }

    public ProductCatalog Catalog { get; }

    public OnnxProductRecognizer Recognizer { get; }

    public ProductPrototypeIndex? Index { get; }

    public FusionResolver Resolver { get; }

    /// <summary>The label-text reader, or <c>null</c> when label text is off.</summary>
    public PaddleOcrReader? Ocr { get; }

    /// <param name="mirror">
    /// Average the frame with its mirror (<see cref="OnnxRecognizerOptions.MirrorAveraging"/>); <c>null</c>: that
    /// option's default (one view).
    /// </param>
    /// <param name="precision">
    /// Which graph of the recognizer folder runs (<see cref="OnnxRecognizerOptions.Precision"/>); <c>null</c>: that
    /// option's default.
    /// </param>
    /// <param name="labelText">
    /// Read label text when the fusion config weights it and the OCR models are in <c>models/ocr</c>; <c>false</c>
    /// turns it off whatever the config says (the same fusion without its third signal).
    /// </param>
    /// <param name="textDecidedAt">
    /// The escalation's fusion acceptance threshold: label text is then read only below it, where the decision
    /// still depends on it (<see cref="LabelTextGateOptions.DecidedAt"/>), unless the fusion config sets its own.
    /// <c>null</c>: the fusion config's gate as it stands.
    /// </param>
    /// <summary>
    /// The pipeline a <c>basket serve</c> with <paramref name="options"/> runs: its recognizer folder, precision and
    /// mirror setting, its fusion config, label text gated at its escalation's fusion threshold. The evaluation opens
    /// a cloud configuration's pipeline in-process through this same call.
    /// </summary>
    public static CartPipeline Open(BasketOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(modelFolder: options.RecognizerFolder, fusionConfig: options.FusionConfigPath, mirror: options.Server.RecognizerMirror, log: log,
            textDecidedAt: options.Escalation.FusionAcceptThreshold, precision: options.RecognizerPrecision);
    }

    public static CartPipeline Open(
        string? catalogPath = null, string? modelFolder = null, string? fusionConfig = null, bool? mirror = null, TextWriter? log = null, bool labelText = true,
        AttributionSetup? attribution = null, double? textDecidedAt = null, RecognizerPrecision? precision = null)
    {
        var catalog = ProductCatalog.Load(catalogPath ?? DefaultAssets.CatalogPath);
        var folder = modelFolder ?? DefaultAssets.RecognizerFolder;
        var recognizerOptions = new OnnxRecognizerOptions();
        recognizerOptions.MirrorAveraging = mirror ?? recognizerOptions.MirrorAveraging;
        recognizerOptions.Precision = precision ?? recognizerOptions.Precision;
        var recognizer = new OnnxProductRecognizer(folder, recognizerOptions);
        var options = FusionConfig.Load(fusionConfig);
        var gateFromConfig = options.TextGate.DecidedAt is not null;
        if (!gateFromConfig && textDecidedAt is { } decidedAt)
        {
            options = options with { TextGate = options.TextGate with { DecidedAt = decidedAt } };
            options.TextGate.Validate();
        }
        var indexFolder = Path.Combine(folder, "index");
        EmbeddedVectorStore? store = null;
        ProductPrototypeIndex? index = null;
        if (Directory.Exists(indexFolder))
        {
            store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = indexFolder });
            index = ProductPrototypeIndex.OpenAsync(store, recognizer.EmbeddingDimension).GetAwaiter().GetResult();
        }
        else
        {
            (log ?? Console.Error).WriteLine($"note: no product index at {indexFolder}; retrieval evidence is off (run `basket index build`).");
        }

        PaddleOcrReader? ocr = null;
        if (labelText && options.TextWeight > 0)
        {
            if (PaddleOcrReader.ModelsPresent(DefaultAssets.OcrFolder))
            {
                ocr = new PaddleOcrReader(DefaultAssets.OcrFolder, new OcrOptions { DetectorMinSide = options.TextDetectorMinSide });
            }
            else
            {
                (log ?? Console.Error).WriteLine($"note: no OCR models at {DefaultAssets.OcrFolder}; label-text evidence is off (run scripts/fetch-ocr-models.sh).");
            }
        }
        else if (!labelText)
        {
            options = options with { TextWeight = 0 };
        }

        var pipeline = new CartPipeline(catalog, recognizer, store, index, options, ocr) { _gateFromConfig = gateFromConfig };
        pipeline.OpenAttribution(attribution ?? new AttributionSetup(), log ?? Console.Error);
        WarmUp(pipeline.Resolver);
        return pipeline;
    }

    private void OpenAttribution(AttributionSetup setup, TextWriter log)
    {
        var folder = setup.DetectorFolder ?? DefaultAssets.DetectorFolder;
        if (!File.Exists(Path.Combine(folder, DetectorModelCard.ModelFileName)))
        {
            if (setup.DetectorFolder is not null)
            {
                throw new FileNotFoundException($"Detector folder '{folder}' has no {DetectorModelCard.ModelFileName}.");
            }

            log.WriteLine($"note: no detector at {folder}; events with before/after frames use their whole frames.");
            return;
        }

        Detector = new OnnxItemDetector(folder, new OnnxDetectorOptions { ScoreThreshold = setup.ScoreThreshold });
        var rig = setup.CamerasPath is { } cameras && File.Exists(cameras) ? CameraRig.Load(cameras) : null;
        var options = setup.Options ?? new AttributionOptions();
        _attributionFor = (resolver, detector) =>
            new AttributingResolver(resolver, new FramesAttributor(detector, new SkiaFrameDecoder(), new EventAttributor(options, rig)));
        Attribution = _attributionFor(Resolver, Detector);
    }

    /// <summary>
    /// Resolves an event from per-camera before/after frames: through attribution when the detector is loaded,
    /// else from the frames that show the item (after for an add, before for a remove), whole.
    /// </summary>
    public Core.Resolutions.Resolution ResolveFrames(CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket) =>
        ResolveFrames(Resolver, Attribution, cartEvent, frames, basket);

    internal static Core.Resolutions.Resolution ResolveFrames(
        FusionResolver resolver, AttributingResolver? attribution, CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket)
    {
        if (attribution is not null)
        {
            return attribution.Resolve(cartEvent, frames, basket);
        }

        var whole = frames.Select(f => cartEvent.Type == CartEventType.Add ? f.After : f.Before).ToArray();
        var resolution = resolver.Resolve(cartEvent, whole, basket);
        return resolution with
        {
            Attribution = frames.Select(f => new Core.Resolutions.ViewAttribution(f.Camera, null, 0, 0, 0, "whole-frame: no detector")).ToArray(),
        };
    }

    // The first frame pays for JIT and codec start-up (≈ 100 ms); spend that on a synthetic frame at start-up, not
    // on the shopper's first item. The warm-up decision is thrown away.
    private static void WarmUp(FusionResolver resolver)
    {
        using var bitmap = new SkiaSharp.SKBitmap(256, 256);
        bitmap.Erase(new SkiaSharp.SKColor(200, 120, 40));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        var frame = data.ToArray();
        for (var i = 0; i < 3; i++)
        {
            resolver.Resolve(new CartEvent(0, CartEventType.Add, "warm-up", 100.0), frame, new Basket());
        }
    }

    /// <summary>
    /// One more resolver for a concurrent worker: its own recognizer and OCR buffers on this pipeline's ONNX sessions,
    /// the same catalog, index and fusion options, warmed up. The pipeline owns and disposes it. Thread-safe.
    /// </summary>
    /// <param name="textDecidedAt">
    /// The acceptance threshold of the chain this worker serves: its label-text gate follows it (see
    /// <see cref="Open"/>) unless the fusion config sets its own. <c>null</c>: the pipeline's gate.
    /// </param>
    public PipelineWorker CreateWorker(double? textDecidedAt = null)
    {
        var recognizer = Recognizer.CreateWorker();
        var ocr = Ocr?.CreateWorker();
        var options = !_gateFromConfig && textDecidedAt is { } decidedAt
            ? _options with { TextGate = _options.TextGate with { DecidedAt = decidedAt } }
            : _options;
        var resolver = new FusionResolver(Catalog, recognizer, Index, options, ocr);
        var detector = Detector?.CreateWorker();
        var worker = new PipelineWorker(resolver, recognizer, ocr)
        {
            Detector = detector,
            Attribution = detector is null ? null : _attributionFor!(resolver, detector),
        };
        WarmUp(worker.Resolver);
        lock (_workers)
        {
            _workers.Add(worker);
        }

        return worker;
    }

    public void Dispose()
    {
        lock (_workers)
        {
            foreach (var w in _workers)
            {
                w.Recognizer.Dispose();
                w.Ocr?.Dispose();
                w.Detector?.Dispose();
                w.Attribution?.Frames.Dispose();
            }

            _workers.Clear();
        }

        Attribution?.Frames.Dispose();
        Detector?.Dispose();
        Recognizer.Dispose();
        Ocr?.Dispose();
        _store?.Dispose();
    }
}

/// <summary>
/// A resolver with the per-worker parts it was built from (<see cref="CartPipeline.CreateWorker"/>): use them all
/// from one thread at a time.
/// </summary>
public sealed record PipelineWorker(FusionResolver Resolver, OnnxProductRecognizer Recognizer, PaddleOcrReader? Ocr)
{
    /// <summary>This worker's detector on the pipeline's detector session; <c>null</c> without <c>models/detector</c>.</summary>
    public OnnxItemDetector? Detector { get; init; }

    /// <summary>Attribution over <see cref="Resolver"/> and <see cref="Detector"/>; <c>null</c> without the detector.</summary>
    public AttributingResolver? Attribution { get; init; }

    /// <summary>See <see cref="CartPipeline.ResolveFrames"/>; on this worker's parts.</summary>
    public Core.Resolutions.Resolution ResolveFrames(CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket) =>
        CartPipeline.ResolveFrames(Resolver, Attribution, cartEvent, frames, basket);
}
