using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using BasketReasoner.Retrieval.Embedded;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// Hybrid catalog search: BM25 over the products' texts and a cosine search over their name/attribute texts' vectors in an
/// <see cref="EmbeddedVectorStore"/> collection, fused by reciprocal rank fusion
/// (score = w_lex / (k + lexical rank) + w_vec / (k + vector rank)).
/// </summary>
/// <remarks>
/// A query costs O(postings) for BM25 plus O(n·d) for the exact vector scan (n ≈ 1,350 texts, d = 4,096 by default):
/// well under a millisecond. Thread-safe for concurrent searches.
/// </remarks>
public sealed class HybridCatalogSearch : ICatalogSearch, IDisposable
{
    private const string AllCollectionName = "catalog_text";
    private const string StoreCollectionName = "catalog_text_store";

    private readonly HybridCatalogSearchOptions _options;
    private readonly List<SearchDocument> _documents;
    private readonly Dictionary<string, int> _indexById;
    private readonly Bm25Index _bm25;
    private readonly EmbeddedVectorStore _store;

    // The vector lists fused with BM25: the main embedder's, then the second embedder's when one is configured.
    private readonly VectorList[] _vectors;
    private readonly string? _ownedDirectory;

    private HybridCatalogSearch(HybridCatalogSearchOptions options, List<SearchDocument> documents, EmbeddedVectorStore store, VectorList[] vectors, string? ownedDirectory)
    {
        _options = options;
        _documents = documents;
        _indexById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < documents.Count; i++)
        {
            _indexById[documents[i].Id] = i;
        }

        _bm25 = new Bm25Index(documents.ConvertAll(d => d.Text));
        _store = store;
        _vectors = vectors;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The embedder the vectors were made with.</summary>
    public ITextEmbedder Embedder => _vectors[0].Embedder;

    /// <summary>
    /// Indexes the store catalog and (optionally) the reference products: builds the BM25 postings, embeds every text
    /// and upserts the vectors into an embedded vector store collection (two, with a second embedder).
    /// </summary>
    public static async Task<HybridCatalogSearch> CreateAsync(
        ProductCatalog catalog, ReferenceCatalog? reference = null, HybridCatalogSearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new HybridCatalogSearchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RrfK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CandidatesPerList, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.LexicalWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(options.VectorWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SecondVectorWeight);

        var documents = SearchDocuments.Build(catalog, reference);
        var embedder = options.Embedder ?? HashedNGramEmbedder.Fit(documents.Select(d => d.VectorText));
        var owned = options.StoreDirectory is null
            ? Path.Combine(Path.GetTempPath(), "basket-catalog-search-" + Guid.NewGuid().ToString("N"))
            : null;
        var store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = options.StoreDirectory ?? owned!, FlushToDisk = false });
        try
        {
            var lists = new List<VectorList> { await IndexAsync(store, string.Empty, embedder, options.VectorWeight, documents, cancellationToken).ConfigureAwait(false) };
            if (options.SecondEmbedder is { } second)
            {
                lists.Add(await IndexAsync(store, "_second", second, options.SecondVectorWeight, documents, cancellationToken).ConfigureAwait(false));
            }

            return new HybridCatalogSearch(options, documents, store, [.. lists], owned);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static async Task<VectorList> IndexAsync(EmbeddedVectorStore store, string suffix, ITextEmbedder embedder, double weight, List<SearchDocument> documents, CancellationToken cancellationToken)
    {
        var collection = store.GetCollection<string, CatalogTextRecord>(AllCollectionName + suffix, CatalogTextRecord.CreateDefinition(embedder.Dimensions));
        var storeCollection = store.GetCollection<string, CatalogTextRecord>(StoreCollectionName + suffix, CatalogTextRecord.CreateDefinition(embedder.Dimensions));
        foreach (var c in new[] { collection, storeCollection })
        {
            await c.EnsureCollectionDeletedAsync(cancellationToken).ConfigureAwait(false);
            await c.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        var records = new List<CatalogTextRecord>(documents.Count);
        if (weight > 0)
        {
            foreach (var d in documents)
            {
                var vector = new float[embedder.Dimensions];
                embedder.Embed(d.VectorText, vector);
                records.Add(new CatalogTextRecord { Id = d.Id, IsStoreProduct = d.IsStoreProduct, CoarseCategory = d.CoarseCategory, Vector = vector });
            }
        }

        await collection.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        await storeCollection.UpsertAsync(records.Where(r => r.IsStoreProduct), cancellationToken).ConfigureAwait(false);
        return new VectorList(embedder, weight, collection, storeCollection);
    }

    /// <inheritdoc />
    public IReadOnlyList<CatalogHit> Search(string query, CatalogSearchFilter? filter = null, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        filter ??= new CatalogSearchFilter();
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var lexical = _bm25.Score(query, doc => Accepts(_documents[doc], filter));
        var fused = new Dictionary<int, (double Score, int Lexical, int Vector, double Similarity)>();
        for (var i = 0; i < Math.Min(lexical.Count, _options.CandidatesPerList); i++)
        {
            fused[lexical[i].Doc] = (_options.LexicalWeight / (_options.RrfK + i + 1), i + 1, 0, 0);
        }

        foreach (var list in _vectors)
        {
            if (list.Weight <= 0)
            {
                continue;
            }

            var vector = new float[list.Embedder.Dimensions];
            list.Embedder.Embed(query, vector);
            var rank = 0;
            foreach (var hit in VectorSearch(list, vector, filter))
            {
                rank++;
                if (!_indexById.TryGetValue(hit.Record.Id, out var doc) || hit.Score is not > 0)
                {
                    continue;
                }

                // The hit reports the first list's rank and similarity; a second list only adds to the score.
                var (score, lex, vec, similarity) = fused.GetValueOrDefault(doc);
                fused[doc] = ReferenceEquals(list, _vectors[0])
                    ? (score + (list.Weight / (_options.RrfK + rank)), lex, rank, hit.Score.Value)
                    : (score + (list.Weight / (_options.RrfK + rank)), lex, vec, similarity);
            }
        }

        return fused
            .OrderByDescending(kv => kv.Value.Score)
            .ThenBy(kv => kv.Key)
            .Take(top)
            .Select(kv =>
            {
                var d = _documents[kv.Key];
                return new CatalogHit(d.Id, d.IsStoreProduct, d.Name, kv.Value.Score, kv.Value.Lexical, kv.Value.Vector, kv.Value.Similarity);
            })
            .ToArray();
    }

    public void Dispose()
    {
        _store.Dispose();
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }

    private IEnumerable<VectorSearchResult<CatalogTextRecord>> VectorSearch(VectorList list, float[] query, CatalogSearchFilter filter)
    {
        var options = new VectorSearchOptions<CatalogTextRecord>();
        var collection = filter.IncludeReference && filter.CoarseCategory is null ? list.All : list.StoreOnly;
        if (filter.CoarseCategory is { } category)
        {
            options.Filter = r => r.CoarseCategory == category;
        }

        // The embedded collection searches synchronously and hands back a completed sequence.
        return collection.SearchAsync(query, _options.CandidatesPerList, options).ToBlockingEnumerable();
    }

    private static bool Accepts(SearchDocument d, CatalogSearchFilter filter) =>
        filter.CoarseCategory is { } category
            ? d.IsStoreProduct && d.CoarseCategory.Equals(category, StringComparison.OrdinalIgnoreCase)
            : d.IsStoreProduct || filter.IncludeReference;

    // Store products again on their own (StoreOnly), so the common store-only search needs no per-query filter compile.
    private sealed record VectorList(ITextEmbedder Embedder, double Weight, EmbeddedVectorCollection<string, CatalogTextRecord> All, EmbeddedVectorCollection<string, CatalogTextRecord> StoreOnly);
}
