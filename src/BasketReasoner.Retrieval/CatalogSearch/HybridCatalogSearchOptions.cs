namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>Options for <see cref="HybridCatalogSearch"/>.</summary>
public sealed class HybridCatalogSearchOptions
{
    /// <summary>The reciprocal-rank-fusion constant k in 1 / (k + rank). Default 60 (the value of the original RRF paper).</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>How many hits each of the lexical and the vector lists contributes before fusion. Default 50.</summary>
    public int CandidatesPerList { get; init; } = 50;

    /// <summary>Weight of the lexical list in the fusion; the vector list has 1. Default 1.</summary>
    public double LexicalWeight { get; init; } = 1.0;

    /// <summary>Text embedder; default: a <see cref="HashedNGramEmbedder"/> fitted on the catalog's texts.</summary>
    public ITextEmbedder? Embedder { get; init; }

    /// <summary>
    /// Folder for the embedded vector store's snapshot; default: a fresh folder under the system temp folder that
    /// the search deletes on dispose. The vectors are rebuilt from the catalog on every start (milliseconds).
    /// </summary>
    public string? StoreDirectory { get; init; }
}
