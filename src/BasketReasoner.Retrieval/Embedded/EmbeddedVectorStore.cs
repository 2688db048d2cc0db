using BasketReasoner.Retrieval.Embedded.Storage;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// An in-process vector store: each collection lives in memory for exact SIMD search and on disk as one
/// crash-safe snapshot file (<c>&lt;Directory&gt;/&lt;collection&gt;.evc</c>), written to a temp file, flushed and
/// atomically renamed on every write. Opening a store with the same directory restores every collection.
/// </summary>
/// <remarks>
/// Collection objects for the same name share one in-memory table, so writes through one are seen by all. Dispose
/// the store (not the collections) to release it. Only one store instance should own a directory at a time.
/// </remarks>
public sealed class EmbeddedVectorStore : VectorStore
{
    internal const string SystemName = "basketreasoner-embedded";

    private readonly EmbeddedVectorStoreOptions _options;
    private readonly Dictionary<string, VectorTable> _tables = new(StringComparer.Ordinal);
    private readonly VectorStoreMetadata _metadata;
    private readonly Lock _tablesGate = new();

    /// <summary>Opens (or creates) the store folder and discards temp files left by interrupted writes.</summary>
    public EmbeddedVectorStore(EmbeddedVectorStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory);
        ArgumentOutOfRangeException.ThrowIfNegative(options.HnswThreshold);
        ArgumentNullException.ThrowIfNull(options.Hnsw);
        options.Hnsw.Validate();
        _options = options;
        Directory.CreateDirectory(options.Directory);

        // A temp file only survives when a write died before its rename, so the committed file is still the truth.
        foreach (var torn in Directory.EnumerateFiles(options.Directory, "*" + SnapshotFile.Extension + ".*" + SnapshotFile.TempSuffix))
        {
            File.Delete(torn);
        }

        _metadata = new VectorStoreMetadata { VectorStoreSystemName = SystemName, VectorStoreName = options.Directory };
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pass <paramref name="definition"/> when the vector dimension is only known at run time. Loads the collection's
    /// snapshot on first access (O(n·d)); later calls for the same name reuse it.
    /// </remarks>
    public override EmbeddedVectorCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new ArgumentException("Use GetDynamicCollection for Dictionary<string, object?> records.", nameof(TRecord));
        }

        var model = new EmbeddedModelBuilder().Build(typeof(TRecord), typeof(TKey), definition, defaultEmbeddingGenerator: null);
        var mapper = new RecordMapper(model);
        return new EmbeddedVectorCollection<TKey, TRecord>(name, GetTable(name, mapper.Schema), mapper);
    }

    /// <inheritdoc />
    public override EmbeddedVectorCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = new EmbeddedModelBuilder().BuildDynamic(definition, defaultEmbeddingGenerator: null);
        var mapper = new RecordMapper(model);
        return new EmbeddedVectorCollection<object, Dictionary<string, object?>>(name, GetTable(name, mapper.Schema), mapper);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<string> ListCollectionNamesAsync(CancellationToken cancellationToken = default) =>
        _options.Storage == EmbeddedStorage.InMemory ? InMemoryNames().ToAsyncEnumerable() : Directory.EnumerateFiles(_options.Directory, "*" + Extension)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToAsyncEnumerable();

    private string Extension => _options.Storage == EmbeddedStorage.Sqlite ? SqliteStorage.FileExtension : SnapshotFile.Extension;

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name);
        if (_options.Storage == EmbeddedStorage.InMemory)
        {
            lock (_tablesGate)
            {
                return Task.FromResult(_tables.TryGetValue(name, out var table) && table.Exists);
            }
        }

        return Task.FromResult(File.Exists(path));
    }

    private List<string> InMemoryNames()
    {
        lock (_tablesGate)
        {
            return [.. _tables.Where(t => t.Value.Exists).Select(t => t.Key).Order(StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_tablesGate)
        {
            if (_tables.TryGetValue(name, out var table))
            {
                table.Drop();
            }
            else
            {
                var path = PathFor(name);
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_tablesGate)
            {
                foreach (var table in _tables.Values)
                {
                    table.Dispose();
                }

                _tables.Clear();
            }
        }

        base.Dispose(disposing);
    }

    private VectorTable GetTable(string name, TableSchema schema)
    {
        var path = PathFor(name);
        lock (_tablesGate)
        {
            if (_tables.TryGetValue(name, out var existing))
            {
                return existing.Schema.IsCompatibleWith(schema)
                    ? existing
                    : throw new InvalidOperationException($"Collection '{name}' is already open with a different record layout or dimension.");
            }

            ITableStorage storage = _options.Storage switch
            {
                EmbeddedStorage.Sqlite => new SqliteStorage(path, _options.FlushToDisk, schema),
                EmbeddedStorage.InMemory => new InMemoryStorage(),
                _ => new SnapshotStorage(path, _options.FlushToDisk),
            };
            var table = new VectorTable(name, storage, schema, _options.HnswThreshold, _options.Hnsw);
            _tables.Add(name, table);
            return table;
        }
    }

    // Names become file names, so restrict them to a portable, traversal-proof alphabet.
    private string PathFor(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new ArgumentException($"Collection name '{name}' may contain only ASCII letters, digits, '_' and '-'.", nameof(name));
            }
        }

        return Path.Combine(_options.Directory, name + Extension);
    }
}
