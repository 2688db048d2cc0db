using BasketReasoner.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Retrieval.CatalogSearch;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Assistant;

/// <summary>The committed catalog, its hybrid search (store products only) and a rules-only assistant, built once.</summary>
internal static class AssistantFixture
{
    private static readonly Lazy<(ProductCatalog Catalog, HybridCatalogSearch Search)> Built = new(() =>
    {
        var catalog = ProductCatalog.Load(RepoPaths.CatalogPath);
        var reference = new ReferenceCatalog(
        [
            new ReferenceProduct { Id = "off:1", Code = "1", Name = "Zuppa di cereali e legumi", Brands = "Barilla", Allergens = ["gluten"] },
            new ReferenceProduct { Id = "off:2", Code = "2", Name = "Biscotti al cacao", Brands = "Mulino Bianco", Allergens = ["gluten", "milk"] },
        ]);
        return (catalog, HybridCatalogSearch.CreateAsync(catalog, reference).GetAwaiter().GetResult());
    });

    public static ProductCatalog Catalog => Built.Value.Catalog;

    public static HybridCatalogSearch Search => Built.Value.Search;

    public static ShopperAssistant Rules(ShopperAssistantOptions? options = null) => new(Catalog, Search, null, options);
}
