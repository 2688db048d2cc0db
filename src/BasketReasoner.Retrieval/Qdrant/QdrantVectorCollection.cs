using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// A collection of a <see cref="QdrantVectorStore"/>. Records become points: the key becomes the point id (string keys
/// through <see cref="QdrantPointIds.FromString"/>, the original kept in the payload under the key's storage name),
/// data properties become payload fields, the vector the point's unnamed vector.
/// </summary>
/// <remarks>
/// <para>Search is Qdrant's HNSW query (<c>POST …/points/query</c>); <c>EnsureCollectionExistsAsync</c> creates the
/// collection with the store's HNSW parameters and a payload index for every <c>IsIndexed</c> data property.</para>
/// <para>Distance functions: CosineSimilarity (Qdrant <c>Cosine</c>; Qdrant normalises stored vectors, so vectors read
/// back are unit length), DotProductSimilarity (<c>Dot</c>), EuclideanDistance (<c>Euclid</c>), ManhattanDistance.</para>
/// <para>Upserts go in requests of <see cref="QdrantVectorStoreOptions.UpsertBatchSize"/> points, each validated first.</para>
/// </remarks>
public sealed class QdrantVectorCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly QdrantRestClient _client;
    private readonly QdrantVectorStoreOptions _options;
    private readonly RecordCodec _codec;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly string _distance;

    internal QdrantVectorCollection(QdrantRestClient client, string name, CollectionModel model, QdrantVectorStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _client = client;
        _options = options;
        _codec = new RecordCodec(model);
        Name = name;
        _distance = _codec.DistanceFunction switch
        {
            DistanceFunction.CosineSimilarity => "Cosine",
            DistanceFunction.DotProductSimilarity => "Dot",
            DistanceFunction.EuclideanDistance => "Euclid",
            DistanceFunction.ManhattanDistance => "Manhattan",
            var other => throw new NotSupportedException($"Distance function '{other}' is not supported by Qdrant collections."),
        };
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = QdrantVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Vector dimension every record must have.</summary>
    public int Dimensions => _codec.Dimensions;

    private bool StringKeys => _codec.Key.Type == typeof(string);

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Run("CollectionExists", () => _client.CollectionExistsAsync(Name, cancellationToken));

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Run("EnsureCollectionExists", async () =>
        {
            if (await _client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await _client.CreateCollectionAsync(Name, new QdrantCollectionConfig(Dimensions, _distance, _options.HnswM, _options.HnswEfConstruct), cancellationToken).ConfigureAwait(false);
            foreach (var property in _codec.Data.Where(p => p.IsIndexed))
            {
                await _client.CreatePayloadIndexAsync(Name, property.StorageName, QdrantModelBuilder.IndexSchema(property.Type)!, cancellationToken).ConfigureAwait(false);
            }

            return true;
        });

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        Run("EnsureCollectionDeleted", () => _client.DeleteCollectionAsync(Name, cancellationToken));

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
        var ids = keys.Select(k => QdrantPointIds.ToPointId(k)).ToList();
        var includeVectors = options?.IncludeVectors == true;
        var points = await Run("Get", () => _client.RetrievePointsAsync(Name, ids, includeVectors, cancellationToken)).ConfigureAwait(false);
        foreach (var point in points)
        {
            yield return ToRecord(point, includeVectors);
        }
    }

    /// <inheritdoc />
    /// <remarks>A scroll with the filter; ordering by one property uses Qdrant's <c>order_by</c> (needs a payload index).</remarks>
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var qdrantFilter = QdrantFilterTranslator.Translate(FilterParser.Parse(filter, _codec.Model));
        var orderBy = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values;
        (string, bool)? order = orderBy switch
        {
            null or { Count: 0 } => null,
            { Count: 1 } => (_codec.Model.GetDataOrKeyProperty(orderBy[0].PropertySelector).StorageName, orderBy[0].Ascending),
            _ => throw new NotSupportedException("Qdrant orders a scroll by one payload field only."),
        };

        var points = await Run("Get", () => _client.ScrollPointsAsync(Name, qdrantFilter, top + options.Skip, options.IncludeVectors, order, cancellationToken)).ConfigureAwait(false);
        foreach (var point in points.Skip(options.Skip))
        {
            yield return ToRecord(point, options.IncludeVectors);
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    /// <inheritdoc />
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(k => QdrantPointIds.ToPointId(k)).ToList();
        return Run("Delete", async () =>
        {
            await _client.DeletePointsAsync(Name, ids, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <inheritdoc />
    /// <remarks>Every record is validated before the first request; within the call the last record for a key wins.</remarks>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var points = new Dictionary<string, QdrantPoint>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            var point = ToPoint(record);
            var id = point.Id.ToJsonString();
            points.Remove(id);
            points.Add(id, point);
        }

        foreach (var batch in points.Values.Chunk(_options.UpsertBatchSize))
        {
            await Run("Upsert", async () =>
            {
                await _client.UpsertPointsAsync(Name, batch, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Scores are Qdrant's: cosine similarity, dot product, or Euclidean/Manhattan distance.</remarks>
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var vector = _codec.QueryVector(searchValue, Name);
        var query = new QdrantQuery(vector, top)
        {
            Offset = options.Skip,
            WithVector = options.IncludeVectors,
            Filter = options.Filter is null ? null : QdrantFilterTranslator.Translate(FilterParser.Parse(options.Filter, _codec.Model)),
            ScoreThreshold = options.ScoreThreshold,
            HnswEf = _options.EfSearch is { } ef ? Math.Max(ef, top + options.Skip) : null,
        };

        var points = await Run("Search", () => _client.QueryPointsAsync(Name, query, cancellationToken)).ConfigureAwait(false);
        foreach (var point in points)
        {
            yield return new VectorSearchResult<TRecord>(ToRecord(point, options.IncludeVectors), point.Score);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType == typeof(QdrantRestClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    internal QdrantPoint ToPoint(TRecord record)
    {
        var key = _codec.GetKey(record);
        var vector = _codec.GetVector(record, Name);
        var payload = new JsonObject();
        if (StringKeys)
        {
            payload[_codec.Key.StorageName] = (string)key;
        }

        foreach (var property in _codec.Data)
        {
            var value = property.GetValueAsObject(record);
            payload[property.StorageName] = value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType());
        }

        return new QdrantPoint(QdrantPointIds.ToPointId(key), vector, payload);
    }

    private TRecord ToRecord(QdrantScoredPoint point, bool includeVectors)
    {
        var record = _codec.CreateRecord<TRecord>();
        object key = StringKeys
            ? point.Payload?[_codec.Key.StorageName]?.GetValue<string>()
                ?? throw new VectorStoreException($"Qdrant point {point.Id.ToJsonString()} in '{Name}' has no '{_codec.Key.StorageName}' payload field holding its key.")
            : _codec.Key.Type == typeof(Guid) ? Guid.Parse(point.Id.GetValue<string>())
            : point.Id.GetValue<ulong>();
        _codec.Key.SetValueAsObject(record, key);
        foreach (var property in _codec.Data)
        {
            // Absent or null fields leave the property at its default, as the other backends do.
            if (point.Payload?[property.StorageName] is { } node)
            {
                property.SetValueAsObject(record, node.Deserialize(property.Type));
            }
        }

        if (includeVectors && point.Vector is { } vector)
        {
            _codec.SetVector(record, vector);
        }

        return record;
    }

    // Transport and server failures surface as the abstraction's VectorStoreException; argument errors pass through.
    private async Task<T> Run<T>(string operation, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is QdrantApiException or HttpRequestException or JsonException
            or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            throw new VectorStoreException($"Qdrant collection '{Name}': {operation} failed: {exception.Message}", exception)
            {
                VectorStoreSystemName = QdrantVectorStore.SystemName,
                CollectionName = Name,
                OperationName = operation,
            };
        }
    }
}
