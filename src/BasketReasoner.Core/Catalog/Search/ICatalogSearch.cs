namespace BasketReasoner.Core.Catalog.Search;

/// <summary>Finds store products (and, when asked, reference products) that a free-text query is about.</summary>
/// <remarks>
/// The contract lives in Core so the assistant (Reasoning) can use search without depending on how it is built
/// (Retrieval implements it with BM25 + vectors).
/// </remarks>
public interface ICatalogSearch
{
    /// <summary>The best <paramref name="top"/> hits for <paramref name="query"/>, best first.</summary>
    IReadOnlyList<CatalogHit> Search(string query, CatalogSearchFilter? filter = null, int top = 10);
}

/// <summary>One search hit.</summary>
/// <param name="Id">A store product id, or a reference product's <c>off:</c> id.</param>
/// <param name="IsStoreProduct"><c>false</c> for an Open Food Facts reference product the store does not sell.</param>
/// <param name="Name">Display name.</param>
/// <param name="Score">Fused score; higher is better; only comparable within one result list.</param>
/// <param name="LexicalRank">1-based rank in the lexical list, or 0 when absent from it.</param>
/// <param name="VectorRank">1-based rank in the vector list, or 0 when absent from it.</param>
/// <param name="VectorSimilarity">Cosine similarity of the query's and the product's text vectors (0 when absent): a match-quality signal that, unlike <paramref name="Score"/>, is comparable across queries.</param>
public sealed record CatalogHit(string Id, bool IsStoreProduct, string Name, double Score, int LexicalRank, int VectorRank, double VectorSimilarity);

/// <summary>What a search may return.</summary>
public sealed record CatalogSearchFilter
{
    /// <summary>Include Open Food Facts reference products. Default <c>false</c>: store products only.</summary>
    public bool IncludeReference { get; init; }

    /// <summary>Only store products of this coarse category (e.g. <c>Milk</c>), case-insensitive; <c>null</c> for all.</summary>
    public string? CoarseCategory { get; init; }
}
