using System.Numerics.Tensors;
using BasketReasoner.Core.Vision;
using BasketReasoner.Retrieval.Embedded;

namespace BasketReasoner.Retrieval.Products;

/// <summary>
/// <see cref="IProductSimilarity"/> over a product-vector collection: each product's score is the best cosine over
/// its stored vectors (iconic image and prototypes).
/// </summary>
/// <remarks>
/// <see cref="ScoreProducts"/> is O(n·d) for n stored vectors of dimension d and allocates nothing: it scans the
/// collection's contiguous matrix directly with a class-index array aligned to its rows. That array is rebuilt
/// (once, allocating) only after the collection changed. Thread-safe; scoring runs concurrently with other readers
/// and waits only for writers.
/// </remarks>
public sealed class ProductPrototypeIndex : IProductSimilarity
{
    /// <summary>Default collection name used by <see cref="OpenAsync"/>.</summary>
    public const string DefaultCollectionName = "product_vectors";

    private readonly VectorTable _table;
    private readonly int _classColumn;
    private RowClasses _rowClasses = new(-1, [], -1);

    public ProductPrototypeIndex(EmbeddedVectorCollection<string, ProductVectorRecord> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        Collection = collection;
        _table = collection.Table;
        _classColumn = collection.ColumnIndex(nameof(ProductVectorRecord.ClassIndex));
    }

    /// <summary>The underlying collection: upsert, delete, search and filter through it.</summary>
    public EmbeddedVectorCollection<string, ProductVectorRecord> Collection { get; }

    /// <summary>Opens (creating if needed) the product-vector collection of <paramref name="store"/>.</summary>
    public static async Task<ProductPrototypeIndex> OpenAsync(
        EmbeddedVectorStore store, int dimensions, string collectionName = DefaultCollectionName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var collection = store.GetCollection<string, ProductVectorRecord>(collectionName, ProductVectorRecord.CreateDefinition(dimensions));
        await collection.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        return new ProductPrototypeIndex(collection);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The embedding has the wrong dimension, or a stored class index does not fit <paramref name="perProduct"/>.</exception>
    public void ScoreProducts(ReadOnlySpan<float> embedding, Span<float> perProduct)
    {
        if (embedding.Length != _table.Dimensions)
        {
            throw new ArgumentException($"Embedding has {embedding.Length} dimensions; the index holds {_table.Dimensions}.", nameof(embedding));
        }

        perProduct.Fill(-1f);
        var norm = TensorPrimitives.Norm(embedding);
        var queryInverseNorm = norm > 0f ? 1f / norm : 0f;
        var dimensions = _table.Dimensions;

        _table.Lock.EnterReadLock();
        try
        {
            _table.ThrowIfMissing();
            var classes = CurrentRowClasses();
            if (classes.MaxClassIndex >= perProduct.Length)
            {
                throw new ArgumentException(
                    $"perProduct has {perProduct.Length} slots but the index holds class index {classes.MaxClassIndex}.", nameof(perProduct));
            }

            var vectors = _table.Vectors;
            var inverseNorms = _table.InverseNorms;
            var rowClass = classes.ClassByRow;
            for (var row = 0; row < rowClass.Length; row++)
            {
                var cosine = TensorPrimitives.Dot(embedding, vectors.Slice(row * dimensions, dimensions)) * inverseNorms[row] * queryInverseNorm;
                ref var slot = ref perProduct[rowClass[row]];
                if (cosine > slot)
                {
                    slot = cosine;
                }
            }
        }
        finally
        {
            _table.Lock.ExitReadLock();
        }
    }

    // Caller holds the read lock, so the table cannot change underneath; concurrent callers may both rebuild,
    // which is harmless because they publish identical snapshots.
    private RowClasses CurrentRowClasses()
    {
        var current = Volatile.Read(ref _rowClasses);
        if (current.Version == _table.Version)
        {
            return current;
        }

        var classByRow = new int[_table.Count];
        var max = -1;
        for (var row = 0; row < classByRow.Length; row++)
        {
            classByRow[row] = (int)_table.Payload(row)[_classColumn]!;
            max = Math.Max(max, classByRow[row]);
        }

        var rebuilt = new RowClasses(_table.Version, classByRow, max);
        Volatile.Write(ref _rowClasses, rebuilt);
        return rebuilt;
    }

    private sealed record RowClasses(long Version, int[] ClassByRow, int MaxClassIndex);
}
