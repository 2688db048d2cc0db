using System.ComponentModel;
using BasketReasoner.Core.Catalog.Search;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant.Plugins;

/// <summary>Read-only catalog search.</summary>
public sealed class CatalogSearchPlugin(ICatalogSearch search)
{
    [KernelFunction("search_products"), Description("Finds products a text is about, best first. Reference products (off: ids) are not sold by the store.")]
    public IReadOnlyList<CatalogHit> SearchProducts(
        [Description("Free text: a product name, brand, category or attribute")] string query,
        [Description("Also search Open Food Facts reference products")] bool includeReference = false,
        [Description("How many hits")] int top = 5) =>
        search.Search(query, new CatalogSearchFilter { IncludeReference = includeReference }, Math.Clamp(top, 1, 50));
}
