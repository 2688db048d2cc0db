using System.Numerics.Tensors;
using BasketReasoner.Retrieval.Embedded.Hnsw;
using BasketReasoner.Retrieval.Embedded.Storage;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// The rows of one collection: vectors in a single row-major <c>float[]</c> (grown by doubling), their inverse norms,
/// and positional payloads. Deletes swap the last row into the hole so rows stay dense and a scan never skips.
/// Readers hold <see cref="Lock"/> in read mode; all writes go through <see cref="Mutate"/>, which also persists.
/// </summary>
internal sealed class VectorTable : IDisposable
{
    private const int InitialCapacity = 16;

    private readonly object _writeGate = new();
    private readonly ITableStorage _storage;
    private readonly HashSet<object> _upserted = [];
    private readonly HashSet<object> _deleted = [];
    private readonly int _hnswThreshold;
    private readonly HnswOptions _hnswOptions;
    private readonly Dictionary<object, int> _rowByKey = new();
    private float[] _vectors;
    private float[] _inverseNorms;
    private object?[][] _payloads;
    private int _count;
    private long _version;

    public VectorTable(string name, string filePath, TableSchema schema, bool flushToDisk, int hnswThreshold = int.MaxValue, HnswOptions? hnswOptions = null)
        : this(name, new SnapshotStorage(filePath, flushToDisk), schema, hnswThreshold, hnswOptions)
    {
    }

    public VectorTable(string name, ITableStorage storage, TableSchema schema, int hnswThreshold = int.MaxValue, HnswOptions? hnswOptions = null)
    {
        Name = name;
        Schema = schema;
        _storage = storage;
        _hnswThreshold = hnswThreshold;
        _hnswOptions = hnswOptions ?? new HnswOptions();
        _vectors = new float[InitialCapacity * schema.Dimensions];
        _inverseNorms = new float[InitialCapacity];
        _payloads = new object?[InitialCapacity][];

        if (storage.Exists)
        {
            try
            {
                storage.Load(this);
                ClearChanges();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException)
            {
                storage.Dispose();
                throw new VectorStoreException($"Collection '{name}' could not be loaded from its {storage.Extension} file.", ex)
                {
                    CollectionName = name,
                    VectorStoreSystemName = EmbeddedVectorStore.SystemName,
                };
            }

            Exists = true;
            MaintainIndex();
        }
    }

    public string Name { get; }

    /// <summary>The approximate index, once the table reached the HNSW threshold; <c>null</c> means exact search. Caller holds the lock.</summary>
    public HnswRowIndex? Index { get; private set; }

    public TableSchema Schema { get; }

    public int Dimensions => Schema.Dimensions;

    public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

    // Read under the lock; volatile so lock-free existence checks see drops promptly.
    public bool Exists { get => Volatile.Read(ref _exists); private set => Volatile.Write(ref _exists, value); }

    private bool _exists;

    /// <summary>Row count. Caller holds the lock.</summary>
    public int Count => _count;

    /// <summary>Bumped on every committed change; lets derived indexes detect staleness cheaply. Caller holds the lock.</summary>
    public long Version => _version;

    /// <summary>All live vectors, row-major. Caller holds the lock.</summary>
    public ReadOnlySpan<float> Vectors => _vectors.AsSpan(0, _count * Dimensions);

    /// <summary>1/‖row‖ per row (0 for a zero vector), so cosine costs one dot product. Caller holds the lock.</summary>
    public ReadOnlySpan<float> InverseNorms => _inverseNorms.AsSpan(0, _count);

    public ReadOnlySpan<float> Row(int row) => _vectors.AsSpan(row * Dimensions, Dimensions);

    public object?[] Payload(int row) => _payloads[row];

    public bool TryGetRow(object key, out int row) => _rowByKey.TryGetValue(key, out row);

    /// <summary>Throws when the collection was never created or has been deleted.</summary>
    public void ThrowIfMissing()
    {
        if (!Exists)
        {
            throw new VectorStoreException($"Collection '{Name}' does not exist; call EnsureCollectionExistsAsync first.")
            {
                CollectionName = Name,
                VectorStoreSystemName = EmbeddedVectorStore.SystemName,
            };
        }
    }

    internal ITableStorage Storage => _storage;

    /// <summary>
    /// Applies <paramref name="mutation"/> under the write lock, then persists it outside the lock: searches are
    /// blocked only for the in-memory change and capturing what to write, never for disk I/O. The gate keeps writers in
    /// order so an older write can never land after a newer one. When persisting fails, memory is reloaded from disk so
    /// the collection never serves rows that were not committed.
    /// </summary>
    public void Mutate<TState>(TState state, Action<VectorTable, TState> mutation)
    {
        lock (_writeGate)
        {
            object captured;
            Lock.EnterWriteLock();
            try
            {
                ThrowIfMissing();
                try
                {
                    mutation(this, state);
                    MaintainIndex();
                    _version++;
                    captured = _storage.Capture(this, _upserted, _deleted);
                }
                finally
                {
                    ClearChanges();
                }
            }
            finally
            {
                Lock.ExitWriteLock();
            }

            try
            {
                _storage.Commit(captured);
            }
            catch
            {
                ReloadFromStorage();
                throw;
            }
        }
    }

    private void ReloadFromStorage()
    {
        Lock.EnterWriteLock();
        try
        {
            Clear();
            if (_storage.Exists)
            {
                _storage.Load(this);
            }

            ClearChanges();
            MaintainIndex();
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    private void ClearChanges()
    {
        _upserted.Clear();
        _deleted.Clear();
    }

    public void Create()
    {
        lock (_writeGate)
        {
            if (Exists)
            {
                return;
            }

            object captured;
            Lock.EnterWriteLock();
            try
            {
                Clear();
                captured = _storage.Capture(this, [], []);
            }
            finally
            {
                Lock.ExitWriteLock();
            }

            _storage.Commit(captured);
            Exists = true;
        }
    }

    public void Drop()
    {
        lock (_writeGate)
        {
            Lock.EnterWriteLock();
            try
            {
                Clear();
                Exists = false;
            }
            finally
            {
                Lock.ExitWriteLock();
            }

            _storage.Delete();
        }
    }

    /// <summary>Inserts or overwrites the row for <c>payload[0]</c> (the key). Caller holds the write lock.</summary>
    public void Upsert(object?[] payload, ReadOnlySpan<float> vector)
    {
        var key = payload[0] ?? throw new ArgumentException("Record key must not be null.");
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Vector for '{key}' has {vector.Length} dimensions; collection '{Name}' needs {Dimensions}.");
        }

        var overwrite = _rowByKey.TryGetValue(key, out var row);
        if (!overwrite)
        {
            EnsureCapacity(_count + 1);
            row = _count++;
            _rowByKey.Add(key, row);
        }

        vector.CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
        var norm = TensorPrimitives.Norm(vector);
        _inverseNorms[row] = norm > 0f ? 1f / norm : 0f;
        _payloads[row] = payload;
        if (_storage.TracksChanges)
        {
            _upserted.Add(key);
            _deleted.Remove(key);
        }

        if (overwrite)
        {
            Index?.OnOverwrite(row, vector);
        }
        else
        {
            Index?.OnInsert(row, vector);
        }
    }

    /// <summary>
    /// Builds the HNSW index once the table reaches the threshold and compacts it when tombstones pile up. An index
    /// is kept when the table later shrinks: it stays correct, and dropping it would make the threshold flap.
    /// </summary>
    private void MaintainIndex()
    {
        if (Index is null)
        {
            if (_count > 0 && _count >= _hnswThreshold)
            {
                Index = HnswRowIndex.Build(this, _hnswOptions, Schema.Metric);
            }
        }
        else
        {
            Index.CompactIfNeeded(this);
        }
    }

    /// <summary>Removes a row by moving the last row into its slot. Caller holds the write lock.</summary>
    public bool Delete(object key)
    {
        if (!_rowByKey.Remove(key, out var row))
        {
            return false;
        }

        if (_storage.TracksChanges)
        {
            _upserted.Remove(key);
            _deleted.Add(key);
        }

        var last = --_count;
        Index?.OnDelete(row, last);
        if (row != last)
        {
            _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
            _inverseNorms[row] = _inverseNorms[last];
            _payloads[row] = _payloads[last];
            _rowByKey[_payloads[row]![0]!] = row;
        }

        _payloads[last] = null!;
        return true;
    }

    private void Clear()
    {
        _rowByKey.Clear();
        Index = null;
        Array.Clear(_payloads, 0, _count);
        _count = 0;
        _version++;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _inverseNorms.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, _inverseNorms.Length * 2);
        Array.Resize(ref _vectors, capacity * Dimensions);
        Array.Resize(ref _inverseNorms, capacity);
        Array.Resize(ref _payloads, capacity);
    }

    public void Dispose()
    {
        _storage.Dispose();
        Lock.Dispose();
    }
}
