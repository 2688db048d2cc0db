using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// A <see cref="VectorStore"/> over Qdrant's REST API (<see cref="QdrantRestClient"/>): one Qdrant collection per
/// VectorData collection, one unnamed dense vector, payload fields named by storage name.
/// </summary>
/// <remarks>Not run against a live Qdrant in this repository's CI; see the retrieval section of README.md.</remarks>
public sealed class QdrantVectorStore : VectorStore
{
    internal const string SystemName = "qdrant";

    private readonly HttpClient? _ownedHttp;
    private readonly QdrantVectorStoreOptions _options;
    private readonly VectorStoreMetadata _metadata;

    /// <summary>Uses <paramref name="client"/>; the caller owns its HttpClient.</summary>
    public QdrantVectorStore(QdrantRestClient client, QdrantVectorStoreOptions? options = null)
        : this(client, null, options)
    {
    }

    private QdrantVectorStore(QdrantRestClient client, HttpClient? ownedHttp, QdrantVectorStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
        _ownedHttp = ownedHttp;
        _options = options ?? new QdrantVectorStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.UpsertBatchSize, 1);
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = SystemName };
    }

    /// <summary>Connects to Qdrant's REST endpoint (e.g. <c>http://127.0.0.1:6333</c>), owning the HttpClient it creates.</summary>
    public static QdrantVectorStore Connect(Uri endpoint, string? apiKey = null, QdrantVectorStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(100) };
        return new QdrantVectorStore(new QdrantRestClient(http, apiKey), http, options);
    }

    /// <summary>The REST client, for what the abstraction does not cover (snapshots, payload indexes).</summary>
    public QdrantRestClient Client { get; }

    /// <inheritdoc />
    public override QdrantVectorCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new ArgumentException("Use GetDynamicCollection for Dictionary<string, object?> records.", nameof(TRecord));
        }

        var model = new QdrantModelBuilder().Build(typeof(TRecord), typeof(TKey), definition, defaultEmbeddingGenerator: null);
        return new QdrantVectorCollection<TKey, TRecord>(Client, name, model, _options);
    }

    /// <inheritdoc />
    public override QdrantVectorCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = new QdrantModelBuilder().BuildDynamic(definition, defaultEmbeddingGenerator: null);
        return new QdrantVectorCollection<object, Dictionary<string, object?>>(Client, name, model, _options);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var name in await Client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        Client.CollectionExistsAsync(name, cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default) =>
        Client.DeleteCollectionAsync(name, cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType == typeof(QdrantRestClient) ? Client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttp?.Dispose();
        }

        base.Dispose(disposing);
    }
}
