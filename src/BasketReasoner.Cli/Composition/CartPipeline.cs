using BasketReasoner.Core.Catalog;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Products;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Cli.Composition;

/// <summary>
/// The embedded-defaults pipeline, wired once: catalog, ONNX recognizer, product prototype index and fusion.
/// Owns what it opens.
/// </summary>
internal sealed class CartPipeline : IDisposable
{
    private readonly EmbeddedVectorStore? _store;

    private CartPipeline(ProductCatalog catalog, OnnxProductRecognizer recognizer, EmbeddedVectorStore? store, ProductPrototypeIndex? index, FusionOptions options)
    {
        Catalog = catalog;
        Recognizer = recognizer;
        _store = store;
        Index = index;
        Resolver = new FusionResolver(catalog, recognizer, index, options);
    }

    public ProductCatalog Catalog { get; }

    public OnnxProductRecognizer Recognizer { get; }

    public ProductPrototypeIndex? Index { get; }

    public FusionResolver Resolver { get; }

    public static CartPipeline Open(string? catalogPath = null, string? modelFolder = null, string? fusionConfig = null, bool mirror = true, TextWriter? log = null)
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

        return new CartPipeline(catalog, recognizer, store, index, options);
    }

    public void Dispose()
    {
        Recognizer.Dispose();
        _store?.Dispose();
    }
}
