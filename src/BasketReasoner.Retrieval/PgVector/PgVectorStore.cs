using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Npgsql;
using Pgvector.Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

/// <summary>
/// A <see cref="VectorStore"/> over PostgreSQL with the pgvector extension: one table per collection (key column,
/// one column per data property, one <c>vector(n)</c> column), an HNSW index for approximate search, parameterised SQL
/// throughout.
/// </summary>
/// <remarks>
/// The database needs <c>CREATE EXTENSION vector</c> (scripts/setup-postgres.sh starts such a server on 127.0.0.1:55432).
/// A data source passed in must have been built with <c>UseVector()</c>; <see cref="Connect"/> does that for you.
/// </remarks>
public sealed class PgVectorStore : VectorStore
{
    internal const string SystemName = "postgresql";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PgVectorStoreOptions _options;
    private readonly VectorStoreMetadata _metadata;

    /// <summary>Uses <paramref name="dataSource"/> (built with <c>UseVector()</c>); the caller keeps ownership of it.</summary>
    public PgVectorStore(NpgsqlDataSource dataSource, PgVectorStoreOptions? options = null)
        : this(dataSource, ownsDataSource: false, options)
    {
    }

    private PgVectorStore(NpgsqlDataSource dataSource, bool ownsDataSource, PgVectorStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options ?? new PgVectorStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.UpsertBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EfSearch, 1);
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = SystemName, VectorStoreName = PgSql.DatabaseName(dataSource) };
    }

    /// <summary>Opens a store on <paramref name="connectionString"/>, owning a pooled data source with pgvector types registered.</summary>
    public static PgVectorStore Connect(string connectionString, PgVectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return new PgVectorStore(builder.Build(), ownsDataSource: true, options);
    }

    /// <inheritdoc />
    public override PgVectorCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new ArgumentException("Use GetDynamicCollection for Dictionary<string, object?> records.", nameof(TRecord));
        }

        var model = new PgModelBuilder().Build(typeof(TRecord), typeof(TKey), definition, defaultEmbeddingGenerator: null);
        return new PgVectorCollection<TKey, TRecord>(_dataSource, name, model, _options);
    }

    /// <inheritdoc />
    public override PgVectorCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = new PgModelBuilder().BuildDynamic(definition, defaultEmbeddingGenerator: null);
        return new PgVectorCollection<object, Dictionary<string, object?>>(_dataSource, name, model, _options);
    }

    /// <inheritdoc />
    /// <remarks>Lists the tables of <see cref="PgVectorStoreOptions.Schema"/> that have a <c>vector</c> column.</remarks>
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = $1 AND udt_name = 'vector' ORDER BY table_name");
        command.Parameters.Add(new NpgsqlParameter { Value = _options.Schema });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    /// <inheritdoc />
    public override async Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = PgSql.Quote(_options.Schema) + "." + PgSql.Quote(name) });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public override async Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"DROP TABLE IF EXISTS {PgSql.Quote(_options.Schema)}.{PgSql.Quote(name)}");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType == typeof(NpgsqlDataSource) ? _dataSource
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsDataSource)
        {
            _dataSource.Dispose();
        }

        base.Dispose(disposing);
    }
}
