using System.ComponentModel;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant.Plugins;

/// <summary>Read-only product facts: weights, volume, attributes, allergens, ingredients, origin.</summary>
public sealed class ProductFactsPlugin(ProductCatalog catalog, ReferenceCatalog reference)
{
    [KernelFunction("get_product_facts"), Description("Everything the store catalog says about one product (weights, volume, attributes, allergens, ingredients, origin, demo price). Null when the id is unknown.")]
    public Product? GetProductFacts([Description("Store product id")] string productId) =>
        catalog.TryGet(productId, out var p) ? p : null;

    [KernelFunction("get_reference_product"), Description("Open Food Facts reference facts for an off: id. Reference products are NOT sold by this store.")]
    public ReferenceProduct? GetReferenceProduct([Description("Reference id, off:<barcode>")] string id) =>
        reference.TryGet(id, out var r) ? r : null;
}
