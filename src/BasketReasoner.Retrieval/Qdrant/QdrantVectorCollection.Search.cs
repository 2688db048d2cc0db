using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>Nearest-neighbour queries and filtered scrolls.</summary>
public sealed partial class QdrantVectorCollection<TKey, TRecord>
{
    /// <inheritdoc />
    /// <remarks>
    /// Qdrant's HNSW query on the chosen named vector (<see cref="VectorSearchOptions{TRecord}.VectorProperty"/>, or the
    /// only one), with <c>hnsw_ef</c> from <see cref="QdrantVectorStoreOptions.EfSearch"/> and, on quantized collections,
    /// rescoring. Scores are Qdrant's: cosine similarity, dot product, or Euclidean/Manhattan distance.
    /// </remarks>
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var property = _mapper.Model.GetVectorPropertyOrSingle(options);
        var vector = QdrantPointMapper.QueryVector(searchValue, property, Name);
        var dense = new DenseVector();
        dense.Data.AddRange(vector);
        var filter = Scoped(options.Filter is null ? null : QdrantFilterTranslator.Translate(FilterParser.Parse(options.Filter, _mapper.Model), _mapper.IdOf));

        var points = await Run("Search", () => _client.QueryAsync(
            Name,
            new Query { Nearest = new VectorInput { Dense = dense } },
            usingVector: property.StorageName,
            filter: filter,
            scoreThreshold: options.ScoreThreshold is { } threshold ? (float)threshold : null,
            searchParams: QdrantCollectionSchema.SearchParams(_options, top + options.Skip),
            limit: (ulong)top,
            offset: (ulong)options.Skip,
            payloadSelector: AllPayload,
            vectorsSelector: options.IncludeVectors ? AllVectors : NoVectors,
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var point in points)
        {
            yield return new VectorSearchResult<TRecord>(_mapper.ToRecord<TRecord>(point.Id, point.Payload, point.Vectors, options.IncludeVectors, Name), point.Score);
        }
    }

    /// <inheritdoc />
    /// <remarks>A scroll with the filter; ordering by one property uses Qdrant's <c>order_by</c> (which needs a payload index).</remarks>
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var qdrantFilter = Scoped(QdrantFilterTranslator.Translate(FilterParser.Parse(filter, _mapper.Model), _mapper.IdOf));
        var orderBy = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values;
        var order = orderBy switch
        {
            null or { Count: 0 } => null,
            { Count: 1 } => new OrderBy
            {
                Key = _mapper.Model.GetDataOrKeyProperty(orderBy[0].PropertySelector).StorageName,
                Direction = orderBy[0].Ascending ? Direction.Asc : Direction.Desc,
            },
            _ => throw new NotSupportedException("Qdrant orders a scroll by one payload field only."),
        };

        var response = await Run("Get", () => _client.ScrollAsync(
            Name,
            qdrantFilter,
            limit: checked((uint)(top + options.Skip)),
            payloadSelector: AllPayload,
            vectorsSelector: options.IncludeVectors ? AllVectors : NoVectors,
            orderBy: order,
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var point in response.Result.Skip(options.Skip))
        {
            yield return _mapper.ToRecord<TRecord>(point.Id, point.Payload, point.Vectors, options.IncludeVectors, Name);
        }
    }

    private Filter? Scoped(Filter? filter) =>
        _options.Tenant is { } tenant ? QdrantFilterTranslator.And(filter, QdrantFilterTranslator.KeywordEquals(tenant.Field, tenant.Value)) : filter;
}
