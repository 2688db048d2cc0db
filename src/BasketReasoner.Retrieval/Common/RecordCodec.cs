using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.Common;

/// <summary>
/// What the server backends need from a record model: the key, the data properties in model order, the single
/// vector, and record construction. Records are read into fresh objects, so callers never share state with a store.
/// </summary>
internal sealed class RecordCodec
{
    public RecordCodec(CollectionModel model)
    {
        Model = model;
        Key = model.KeyProperty;
        Data = [.. model.DataProperties];
        Vector = model.VectorProperty;
        if (Vector.Dimensions <= 0)
        {
            throw new ArgumentException($"Vector property '{Vector.ModelName}' must declare a positive dimension count.");
        }
    }

    public CollectionModel Model { get; }

    public KeyPropertyModel Key { get; }

    public DataPropertyModel[] Data { get; }

    public VectorPropertyModel Vector { get; }

    public int Dimensions => Vector.Dimensions;

    public string DistanceFunction => Vector.DistanceFunction ?? Microsoft.Extensions.VectorData.DistanceFunction.CosineSimilarity;

    public object GetKey(object record) =>
        Key.GetValueAsObject(record) ?? throw new ArgumentException("A record has a null key.", nameof(record));

    /// <summary>The record's vector, checked against the collection's dimension.</summary>
    public ReadOnlyMemory<float> GetVector(object record, string collection)
    {
        var vector = Vector.GetValueAsObject(record) switch
        {
            float[] array => array,
            ReadOnlyMemory<float> memory => memory,
            Embedding<float> embedding => embedding.Vector,
            _ => throw new ArgumentException($"Record '{Key.GetValueAsObject(record)}' has no vector in '{Vector.ModelName}'."),
        };
        return vector.Length == Dimensions
            ? vector
            : throw new ArgumentException(
                $"Record '{Key.GetValueAsObject(record)}' has a {vector.Length}-dimensional vector; collection '{collection}' needs {Dimensions}.");
    }

    /// <summary>Turns a search input into a query vector of the collection's dimension, or throws.</summary>
    public ReadOnlyMemory<float> QueryVector<TInput>(TInput searchValue, string collection)
    {
        var query = FloatVectorTypes.FromSearchInput(searchValue);
        return query.Length == Dimensions
            ? query
            : throw new ArgumentException($"Query has {query.Length} dimensions; collection '{collection}' needs {Dimensions}.", nameof(searchValue));
    }

    public void SetVector(object record, float[] vector)
    {
        object boxed = Vector.Type == typeof(float[]) ? vector
            : Vector.Type == typeof(Embedding<float>) ? new Embedding<float>(vector)
            : new ReadOnlyMemory<float>(vector);
        Vector.SetValueAsObject(record, boxed);
    }

    public TRecord CreateRecord<TRecord>() => Model.CreateRecord<TRecord>()!;

    /// <summary>Similarities rank descending, distances ascending.</summary>
    public bool HigherIsBetter => DistanceFunction is Microsoft.Extensions.VectorData.DistanceFunction.CosineSimilarity
        or Microsoft.Extensions.VectorData.DistanceFunction.DotProductSimilarity;

    /// <summary>Whether <paramref name="score"/> passes <see cref="VectorSearchOptions{TRecord}.ScoreThreshold"/>.</summary>
    public bool Passes(double score, double? threshold) =>
        threshold is not { } t || (HigherIsBetter ? score >= t : score <= t);
}
