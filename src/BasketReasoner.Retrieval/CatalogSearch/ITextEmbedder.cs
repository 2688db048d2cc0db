namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// Turns a text into a fixed-length vector for the catalog's vector search. The default is
/// <see cref="HashedNGramEmbedder"/> (no pretrained weights); a real sentence-embedding model can replace it by
/// implementing this interface.
/// </summary>
public interface ITextEmbedder
{
    int Dimensions { get; }

    /// <summary>Writes the unit-norm (or all-zero, for a text with no features) embedding of <paramref name="text"/>.</summary>
    void Embed(string text, Span<float> destination);
}
