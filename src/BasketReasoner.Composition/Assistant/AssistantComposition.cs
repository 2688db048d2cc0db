using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Data;
using BasketReasoner.Assistant;
using BasketReasoner.Retrieval.CatalogSearch;

namespace BasketReasoner.Composition.Assistant;

/// <summary>
/// Composes the shopper assistant: the catalog, the Open Food Facts reference products (when the TSV is found beside
/// the dataset), the hybrid catalog search (Retrieval) and the assistant (Reasoning). Reasoning knows only Core's
/// <c>ICatalogSearch</c>; this is where the Retrieval implementation is plugged in.
/// </summary>
public sealed class AssistantComposition : IDisposable
{
    private readonly HybridCatalogSearch _search;

    private AssistantComposition(ProductCatalog catalog, ReferenceCatalog reference, HybridCatalogSearch search, ShopperAssistant assistant)
    {
        Catalog = catalog;
        Reference = reference;
        _search = search;
        Assistant = assistant;
    }

    public ProductCatalog Catalog { get; }

    public ReferenceCatalog Reference { get; }

    public ShopperAssistant Assistant { get; }

    public static async Task<AssistantComposition> OpenAsync(string? catalogPath, string? dataRoot, string? offTsv, ShopperAssistantOptions? options = null)
    {
        var catalog = ProductCatalog.Load(catalogPath ?? DefaultAssets.CatalogPath);
        var reference = LoadReference(dataRoot, offTsv);
        var search = await HybridCatalogSearch.CreateAsync(catalog, reference).ConfigureAwait(false);
        return new AssistantComposition(catalog, reference, search, new ShopperAssistant(catalog, search, reference, options));
    }

    public void Dispose() => _search.Dispose();

    /// <summary>The Open Food Facts reference products: <paramref name="offTsv"/>, else the TSV found beside the dataset, else none.</summary>
    public static ReferenceCatalog LoadReference(string? dataRoot, string? offTsv)
    {
        if (offTsv is not null)
        {
            return ReferenceCatalog.Load(offTsv);
        }

        string? root;
        try
        {
            root = DataRoot.Resolve(dataRoot);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or ArgumentException)
        {
            root = null;
        }

        // The reference products are optional: without the TSV the assistant answers from the store catalog only.
        return ReferenceCatalog.FindDefault(root) is { } path ? ReferenceCatalog.Load(path) : ReferenceCatalog.Empty;
    }
}
