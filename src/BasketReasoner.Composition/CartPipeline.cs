using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Reasoning.Attribution;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Products;
using BasketReasoner.Vision.Detection;
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

    private CartPipeline(
        ProductCatalog catalog, OnnxProductRecognizer recognizer, EmbeddedVectorStore? store, ProductPrototypeIndex? index, FusionOptions options, PaddleOcrReader? ocr)
    {
        Catalog = catalog;
        Recognizer = recognizer;
        _store = store;
        Index = index;
        Ocr = ocr;
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

    /// <param name="labelText">
    /// Read label text when the fusion config weights it and the OCR models are in <c>models/ocr</c>; <c>false</c>
    /// turns it off whatever the config says (the same fusion without its third signal).
    /// </param>
    public static CartPipeline Open(
        string? catalogPath = null, string? modelFolder = null, string? fusionConfig = null, bool mirror = true, TextWriter? log = null, bool labelText = true,
        AttributionSetup? attribution = null)
    {
        var catalog = ProductCatalog.Load(catalogPath ?? DefaultAssets.CatalogPath);
        var folder = modelFolder ?? DefaultAssets.RecognizerFolder;
        var recognizer = new OnnxProductRecognizer(folder, new OnnxRecognizerOptions { MirrorAveraging = mirror });
        var options = FusionConfig.Load(fusionConfig);
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
                ocr = new PaddleOcrReader(DefaultAssets.OcrFolder);
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

        var pipeline = new CartPipeline(catalog, recognizer, store, index, options, ocr);
        pipeline.OpenAttribution(attribution ?? new AttributionSetup(), log ?? Console.Error);
        pipeline.WarmUp();
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
        Attribution = new AttributingResolver(Resolver, new FramesAttributor(Detector, new SkiaFrameCodec(), new EventAttributor(setup.Options ?? new AttributionOptions(), rig)));
    }

    /// <summary>
    /// Resolves an event from per-camera before/after frames: through attribution when the detector is loaded,
    /// else from the frames that show the item (after for an add, before for a remove), whole.
    /// </summary>
    public Core.Resolutions.Resolution ResolveFrames(CartEvent cartEvent, IReadOnlyList<CameraFramePair> frames, Basket basket)
    {
        if (Attribution is not null)
        {
            return Attribution.Resolve(cartEvent, frames, basket);
        }

        var whole = frames.Select(f => cartEvent.Type == CartEventType.Add ? f.After : f.Before).ToArray();
        var resolution = Resolver.Resolve(cartEvent, whole, basket);
        return resolution with
        {
            Attribution = frames.Select(f => new Core.Resolutions.ViewAttribution(f.Camera, null, 0, 0, 0, "whole-frame: no detector")).ToArray(),
        };
    }

    // The first frame pays for JIT and codec start-up (≈ 100 ms); spend that on a synthetic frame at start-up, not
    // on the shopper's first item. The warm-up decision is thrown away.
    private void WarmUp()
    {
        using var bitmap = new SkiaSharp.SKBitmap(256, 256);
        bitmap.Erase(new SkiaSharp.SKColor(200, 120, 40));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        var frame = data.ToArray();
        for (var i = 0; i < 3; i++)
        {
            Resolver.Resolve(new CartEvent(0, CartEventType.Add, "warm-up", 100.0), frame, new Basket());
        }
    }

    public void Dispose()
    {
        Detector?.Dispose();
        Recognizer.Dispose();
        Ocr?.Dispose();
        _store?.Dispose();
    }
}
