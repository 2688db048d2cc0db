using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// A <see cref="VectorStore"/> over Qdrant through the official <see cref="QdrantClient"/> (gRPC, port 6334 by default):
/// one Qdrant collection per VectorData collection, one named vector per vector property, payload fields named by
/// storage name.
/// </summary>
/// <remarks>Not run against a live Qdrant in this repository's CI; see docs/retrieval-backends.md.</remarks>
public sealed class QdrantVectorStore : VectorStore
{
    internal const string SystemName = "qdrant";

    private readonly bool _ownsClient;
    private readonly QdrantVectorStoreOptions _options;
    private readonly VectorStoreMetadata _metadata;

    /// <summary>Uses <paramref name="client"/>; the caller owns and disposes it.</summary>
    public QdrantVectorStore(QdrantClient client, QdrantVectorStoreOptions? options = null)
        : this(client, ownsClient: false, options)
    {
    }

    private QdrantVectorStore(QdrantClient client, bool ownsClient, QdrantVectorStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new QdrantVectorStoreOptions();
        _options.Validate();
        Client = client;
        _ownsClient = ownsClient;
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = SystemName };
    }

    /// <summary>
    /// Connects to Qdrant's gRPC endpoint (e.g. <c>http://127.0.0.1:6334</c>, or <c>https://…</c> with an API key),
    /// with <see cref="QdrantVectorStoreOptions.RequestTimeout"/> as every call's deadline; the store owns the client.
    /// </summary>
    public static QdrantVectorStore Connect(Uri grpcEndpoint, string? apiKey = null, QdrantVectorStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grpcEndpoint);
        options ??= new QdrantVectorStoreOptions();
        options.Validate();
        return new QdrantVectorStore(new QdrantClient(grpcEndpoint, apiKey, options.RequestTimeout), ownsClient: true, options);
    }

    /// <summary>The client, for what the abstraction does not cover (cluster setup, aliases, full snapshots).</summary>
    public QdrantClient Client { get; }

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
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = await QdrantErrors.Run(null, "ListCollectionNames", () => Client.ListCollectionsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        QdrantErrors.Run(name, "CollectionExists", () => Client.CollectionExistsAsync(name, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default) =>
        QdrantErrors.Run(name, "EnsureCollectionDeleted", async () =>
        {
            if (await Client.CollectionExistsAsync(name, cancellationToken).ConfigureAwait(false))
            {
                await Client.DeleteCollectionAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType == typeof(QdrantClient) ? Client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsClient)
        {
            Client.Dispose();
        }

        base.Dispose(disposing);
    }
}
