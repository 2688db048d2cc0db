using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

// Nearest-neighbour search (HNSW or exact) and filtered reads, as parameterised SQL.
public sealed partial class PgVectorCollection<TKey, TRecord>
{

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);

        var parameters = new List<NpgsqlParameter>();
        var sql = new StringBuilder($"SELECT {SelectList(options.IncludeVectors)} FROM {_table} WHERE ");
        PgFilterTranslator.Write(FilterParser.Parse(filter, _codec.Model), sql, parameters);
        var orderBy = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values;
        if (orderBy is { Count: > 0 })
        {
            sql.Append(" ORDER BY ").AppendJoin(", ", orderBy.Select(o =>
                PgSql.Quote(_codec.Model.GetDataOrKeyProperty(o.PropertySelector).StorageName) + (o.Ascending ? " ASC" : " DESC")));
        }

        parameters.Add(new NpgsqlParameter { Value = (long)top });
        sql.Append(" LIMIT $").Append(parameters.Count);
        parameters.Add(new NpgsqlParameter { Value = (long)options.Skip });
        sql.Append(" OFFSET $").Append(parameters.Count);

        var records = await Run("Get", async () =>
        {
            await using var command = _dataSource.CreateCommand(sql.ToString());
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            return await ReadRecordsAsync(command, options.IncludeVectors, withDistance: false, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var (record, _) in records)
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="searchValue"/> must be a <c>float[]</c>, <c>ReadOnlyMemory&lt;float&gt;</c> or
    /// <c>Embedding&lt;float&gt;</c> of the collection's dimension. Scores are in the distance function's own units, as in
    /// the embedded store (cosine similarity = 1 − pgvector's cosine distance).
    /// </remarks>
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default) =>
        SearchAsync(searchValue, top, options, _options.EfSearch, cancellationToken);

    /// <summary>As <see cref="SearchAsync{TInput}(TInput,int,VectorSearchOptions{TRecord},CancellationToken)"/> with an explicit <c>hnsw.ef_search</c>.</summary>
    public IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options, int efSearch, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        options ??= new VectorSearchOptions<TRecord>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        var query = _codec.QueryVector(searchValue, Name);
        return SearchCoreAsync(new Pgvector.Vector(query), top, options, Math.Max(efSearch, top + options.Skip), cancellationToken);
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchCoreAsync(
        Pgvector.Vector query, int top, VectorSearchOptions<TRecord> options, int efSearch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = query } };
        var sql = new StringBuilder($"SELECT {SelectList(options.IncludeVectors)}, {_vectorColumn} {_distanceOperator} $1 FROM {_table}");
        if (options.Filter is not null)
        {
            sql.Append(" WHERE ");
            PgFilterTranslator.Write(FilterParser.Parse(options.Filter, _codec.Model), sql, parameters);
        }

        sql.Append($" ORDER BY {_vectorColumn} {_distanceOperator} $1");
        parameters.Add(new NpgsqlParameter { Value = (long)top });
        sql.Append(" LIMIT $").Append(parameters.Count);
        parameters.Add(new NpgsqlParameter { Value = (long)options.Skip });
        sql.Append(" OFFSET $").Append(parameters.Count);

        var results = await Run("Search", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = connection.CreateBatch();
            var settings = new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', $1, false), set_config('hnsw.iterative_scan', $2, false)");
            settings.Parameters.Add(new NpgsqlParameter { Value = efSearch.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            settings.Parameters.Add(new NpgsqlParameter { Value = options.Filter is not null && _options.IterativeScan ? "strict_order" : "off" });
            var select = new NpgsqlBatchCommand(sql.ToString());
            foreach (var parameter in parameters)
            {
                select.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(settings);
            batch.BatchCommands.Add(select);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            return await ReadAsync(reader, options.IncludeVectors, withDistance: true, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        foreach (var (record, distance) in results)
        {
            var score = _score(distance);
            if (!_codec.Passes(score, options.ScoreThreshold))
            {
                yield break; // Results are ordered best first, so nothing after this passes either.
            }

            yield return new VectorSearchResult<TRecord>(record, score);
        }
    }
}
