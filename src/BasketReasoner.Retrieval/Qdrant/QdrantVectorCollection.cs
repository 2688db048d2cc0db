using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// A collection of a <see cref="QdrantVectorStore"/>, spoken to through the official <see cref="QdrantClient"/> (gRPC).
/// Records become points (<see cref="QdrantPointMapper"/>): the key the point id, data properties payload fields, each
/// vector property a named vector.
/// </summary>
/// <remarks>
/// <para><c>EnsureCollectionExistsAsync</c> creates the collection with the store's HNSW, quantization, sharding and
/// replication settings and a payload index for every <c>IsIndexed</c> data property (and the tenant field).</para>
/// <para>Distance functions: CosineSimilarity (Qdrant <c>Cosine</c>; Qdrant normalises stored vectors, so vectors read
/// back are unit length), DotProductSimilarity (<c>Dot</c>), EuclideanDistance (<c>Euclid</c>), ManhattanDistance.</para>
/// <para>Upserts go in requests of <see cref="QdrantVectorStoreOptions.UpsertBatchSize"/> points, every record validated
/// before the first request; each request waits until Qdrant has applied it.</para>
/// <para>With <see cref="QdrantVectorStoreOptions.Tenant"/> set, every point carries the tenant field, and gets, searches,
/// scrolls and deletes only ever see this tenant's points.</para>
/// </remarks>
public sealed partial class QdrantVectorCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private static readonly WithPayloadSelector AllPayload = new() { Enable = true };
    private static readonly WithVectorsSelector AllVectors = new() { Enable = true };
    private static readonly WithVectorsSelector NoVectors = new() { Enable = false };

    private readonly QdrantClient _client;
    private readonly QdrantVectorStoreOptions _options;
    private readonly QdrantPointMapper _mapper;
    private readonly VectorStoreCollectionMetadata _metadata;

    internal QdrantVectorCollection(QdrantClient client, string name, CollectionModel model, QdrantVectorStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _client = client;
        _options = options;
        _mapper = new QdrantPointMapper(model, options.Tenant);
        Name = name;
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = QdrantVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Run("CollectionExists", () => _client.CollectionExistsAsync(Name, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Run("EnsureCollectionExists", async () =>
        {
            if (await _client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await _client.CreateCollectionAsync(QdrantCollectionSchema.Create(Name, _mapper, _options), cancellationToken).ConfigureAwait(false);
            foreach (var (field, type, parameters) in QdrantCollectionSchema.PayloadIndexes(_mapper, _options))
            {
                await _client.CreatePayloadIndexAsync(Name, field, type, parameters, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Qdrant refuses to delete a collection that is not there, so existence is checked first.</remarks>
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        Run("EnsureCollectionDeleted", async () =>
        {
            if (await _client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                await _client.DeleteCollectionAsync(Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return GetAsync([key], options, cancellationToken).FirstOrDefaultAsync(cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(k => _mapper.IdOf(k)).ToList();
        if (ids.Count == 0)
        {
            yield break;
        }

        var includeVectors = options?.IncludeVectors == true;
        var points = await Run("Get", () => _client.RetrieveAsync(Name, ids, AllPayload, includeVectors ? AllVectors : NoVectors, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        foreach (var point in points.Where(p => _mapper.InTenant(p.Payload)))
        {
            yield return _mapper.ToRecord<TRecord>(point.Id, point.Payload, point.Vectors, includeVectors, Name);
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    /// <inheritdoc />
    /// <remarks>With a tenant, the delete is a filter (these ids and this tenant), so another store's points are never touched.</remarks>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(k => _mapper.IdOf(k)).ToList();
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Run("Delete", () => _options.Tenant is { } tenant
            ? _client.DeleteAsync(Name, new Filter
            {
                Must = { new Condition { HasId = new HasIdCondition { HasId = { ids } } }, QdrantFilterTranslator.KeywordEquals(tenant.Field, tenant.Value) },
            }, wait: true, cancellationToken: cancellationToken)
            : _client.DeleteAsync(Name, ids, wait: true, cancellationToken: cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <inheritdoc />
    /// <remarks>Every record is validated before the first request; within the call the last record for a key wins.</remarks>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var points = new Dictionary<PointId, PointStruct>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            var point = _mapper.ToPoint(record, Name);
            points.Remove(point.Id);
            points.Add(point.Id, point);
        }

        foreach (var batch in points.Values.Chunk(_options.UpsertBatchSize))
        {
            var request = new UpsertPoints { CollectionName = Name, Wait = true };
            request.Points.AddRange(batch);
            await Run("Upsert", () => _client.UpsertAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType == typeof(QdrantClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private Task<T> Run<T>(string operation, Func<Task<T>> action, CancellationToken cancellationToken) =>
        QdrantErrors.Run(Name, operation, action, cancellationToken);
}
