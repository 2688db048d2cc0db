using System.Globalization;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;

namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>One searchable text: a store product or a reference product.</summary>
/// <param name="Text">Everything BM25 reads.</param>
/// <param name="VectorText">The short part that is embedded: names, brand, categories, attributes, allergens. Long
/// descriptions would dilute a one-word query's n-grams, so they are left to BM25.</param>
internal sealed record SearchDocument(string Id, bool IsStoreProduct, string Name, string CoarseCategory, string Text, string VectorText);

/// <summary>
/// Builds the text each product is found by: names (the id's words, the display name, Swedish everyday names from
/// <see cref="SwedishNames"/>), brand, categories, attributes in words, allergens, ingredients and description.
/// Names go in twice so that a name match outweighs a word in a long description.
/// </summary>
internal static class SearchDocuments
{
    public static List<SearchDocument> Build(ProductCatalog catalog, ReferenceCatalog? reference)
    {
        var docs = new List<SearchDocument>();
        foreach (var p in catalog.Products)
        {
            var names = string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.PackName, p.Brand, p.CoarseCategory.Replace('-', ' '), SwedishNames.For(p.CoarseCategory));
            var a = p.Attributes;
            var attributes = string.Join(' ',
                a.Organic ? "organic ekologisk eko" : null,
                a.LactoseFree ? "lactose free laktosfri" : null,
                a.PlantBased ? "plant based vegan vegetabilisk" : null,
                a.FatPercent is { } fat ? fat.ToString(CultureInfo.InvariantCulture) + " % fat" : null,
                a.Flavour,
                a.Origin,
                p.IsLoose ? "loose sold by weight" : null);
            var allergens = p.Allergens is { Count: > 0 } list ? "contains " + string.Join(' ', list) : null;
            var text = string.Join('\n', names, names, p.TopCategory, attributes, allergens, p.Ingredients, p.Description);
            docs.Add(new SearchDocument(p.Id, true, p.DisplayName, p.CoarseCategory, text, string.Join('\n', names, p.TopCategory, attributes, allergens)));
        }

        foreach (var r in reference?.Products ?? [])
        {
            var names = string.Join(' ', r.Name, r.Brands);
            var allergens = r.Allergens is { Count: > 0 } list ? "contains " + string.Join(' ', list) : null;
            var text = string.Join('\n', names, names, r.Quantity, r.Categories, r.Labels, allergens);
            docs.Add(new SearchDocument(r.Id, false, r.Name, string.Empty, text, string.Join('\n', names, r.Labels, allergens)));
        }

        return docs;
    }
}
