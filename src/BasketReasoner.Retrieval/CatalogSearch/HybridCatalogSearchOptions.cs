namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>Options for <see cref="HybridCatalogSearch"/>.</summary>
public sealed class HybridCatalogSearchOptions
{
    /// <summary>The reciprocal-rank-fusion constant k in 1 / (k + rank). Default 60 (the value of the original RRF paper).</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>How many hits each of the lexical and the vector lists contributes before fusion. Default 50.</summary>
    public int CandidatesPerList { get; init; } = 50;

    /// <summary>Weight of the lexical (BM25) list in the fusion. Default 1; 0 ranks by the vector list alone. At least 0.</summary>
    public double LexicalWeight { get; init; } = 1.0;

    /// <summary>Weight of the vector list in the fusion. Default 1; 0 ranks by BM25 alone (no query is embedded). At least 0.</summary>
    public double VectorWeight { get; init; } = 1.0;

    /// <summary>
    /// Text embedder; default: a <see cref="HashedNGramEmbedder"/> fitted on the catalog's texts. <see cref="MiniLmEmbedder"/>
    /// gives pretrained 384-d sentence vectors (see eval/search/ for how the two compare on the product-search set).
    /// </summary>
    public ITextEmbedder? Embedder { get; init; }

    /// <summary>
    /// A second text embedder whose vector list is fused as well (BM25 + two vector lists through RRF); default none.
    /// Used to measure MiniLM beside the n-gram vectors (<c>basket eval search</c>).
    /// </summary>
    public ITextEmbedder? SecondEmbedder { get; init; }

    /// <summary>Weight of the second embedder's list in the fusion. Default 1. At least 0.</summary>
    public double SecondVectorWeight { get; init; } = 1.0;

    /// <summary>
    /// Folder for the embedded vector store's snapshot; default: a fresh folder under the system temp folder that
    /// the search deletes on dispose. The vectors are rebuilt from the catalog on every start (milliseconds).
    /// </summary>
    public string? StoreDirectory { get; init; }
}
