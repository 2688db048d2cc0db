using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Search;
using BasketReasoner.Retrieval.CatalogSearch;

namespace BasketReasoner.Server.Api;

/// <summary>
/// The screen's picker: store products by free text (the catalog search the assistant uses) or by coarse category.
/// Uses the assistant's search when one is installed, else builds a store-only one at the first query (a few
/// milliseconds for the catalogue) and owns it.
/// </summary>
internal sealed class ProductFinder(ProductCatalog catalog, ICatalogSearch? shared) : IDisposable
{
    /// <summary>How many products a query returns at most.</summary>
    public const int MaxResults = 24;

    private readonly Lazy<HybridCatalogSearch>? _owned = shared is null
        ? new(() => HybridCatalogSearch.CreateAsync(catalog).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication)
        : null;

    public IReadOnlyList<CategoryView> Categories() =>
        catalog.Products.GroupBy(p => (p.TopCategory, p.CoarseCategory))
            .Select(g => new CategoryView(g.Key.CoarseCategory, g.Key.TopCategory, g.Count()))
            .OrderBy(c => c.TopCategory, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Products matching <paramref name="query"/> (best first) within <paramref name="category"/>; either may be null.</summary>
    public IReadOnlyList<Product> Find(string? query, string? category)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return catalog.Products
                .Where(p => category is null || string.Equals(p.CoarseCategory, category, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.ShopperFacingName, StringComparer.Ordinal)
                .ToArray();
        }

        var search = shared ?? _owned!.Value;
        return search.Search(query, new CatalogSearchFilter { CoarseCategory = category }, MaxResults)
            .Where(h => h.IsStoreProduct)
            .Select(h => catalog.TryGet(h.Id, out var p) ? p : null)
            .OfType<Product>()
            .ToArray();
    }

    public void Dispose()
    {
        if (_owned is { IsValueCreated: true })
        {
            _owned.Value.Dispose();
        }
    }
}
