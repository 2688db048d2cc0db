using BasketReasoner.Retrieval.Common;
using Google.Protobuf.Collections;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// Records to points and back: the key becomes the point id, data properties become payload fields, each vector
/// property a named vector, and the tenant field (if any) is added to every payload. Point ids are unique per
/// collection, not per tenant, so with a tenant every key becomes a UUID of (tenant, key); whenever the id is such a
/// one-way UUID (string keys, or any key with a tenant) the key itself stays in the payload under its storage name.
/// </summary>
internal sealed class QdrantPointMapper
{
    private readonly QdrantTenant? _tenant;

    public QdrantPointMapper(CollectionModel model, QdrantTenant? tenant)
    {
        Model = model;
        _tenant = tenant;
        Key = model.KeyProperty;
        Data = [.. model.DataProperties];
        Vectors = [.. model.VectorProperties];
        foreach (var vector in Vectors)
        {
            if (vector.Dimensions <= 0)
            {
                throw new ArgumentException($"Vector property '{vector.ModelName}' must declare a positive dimension count.");
            }

            _ = DistanceOf(vector);
        }

        if (tenant is not null && Data.Any(p => p.StorageName == tenant.Field))
        {
            throw new ArgumentException($"Data property '{tenant.Field}' collides with the tenant payload field; rename one of them.");
        }
    }

    public CollectionModel Model { get; }

    public KeyPropertyModel Key { get; }

    public DataPropertyModel[] Data { get; }

    public VectorPropertyModel[] Vectors { get; }

    /// <summary>Whether the key is kept in the payload because the point id cannot be turned back into it.</summary>
    public bool KeyInPayload => Key.Type == typeof(string) || _tenant is not null;

    /// <summary>The point id of <paramref name="key"/> in this mapper's tenant.</summary>
    public PointId IdOf(object key) => _tenant is null ? QdrantPointIds.ToPointId(key) : QdrantPointIds.ForTenant(_tenant.Value, key);

    public static Distance DistanceOf(VectorPropertyModel vector) => (vector.DistanceFunction ?? DistanceFunction.CosineSimilarity) switch
    {
        DistanceFunction.CosineSimilarity => Distance.Cosine,
        DistanceFunction.DotProductSimilarity => Distance.Dot,
        DistanceFunction.EuclideanDistance => Distance.Euclid,
        DistanceFunction.ManhattanDistance => Distance.Manhattan,
        var other => throw new NotSupportedException($"Distance function '{other}' is not supported by Qdrant collections."),
    };

    public object GetKey(object record) =>
        Key.GetValueAsObject(record) ?? throw new ArgumentException("A record has a null key.", nameof(record));

    /// <summary>The point for <paramref name="record"/>; throws <see cref="ArgumentException"/> for a wrong vector dimension.</summary>
    public PointStruct ToPoint(object record, string collection)
    {
        var key = GetKey(record);
        var point = new PointStruct { Id = IdOf(key), Vectors = new global::Qdrant.Client.Grpc.Vectors { Vectors_ = new NamedVectors() } };
        foreach (var property in Vectors)
        {
            var vector = VectorOf(record, property, key, collection);
            var dense = new DenseVector();
            dense.Data.AddRange(vector.ToArray());
            point.Vectors.Vectors_.Vectors.Add(property.StorageName, new Vector { Dense = dense });
        }

        if (KeyInPayload)
        {
            point.Payload.Add(Key.StorageName, new Value { StringValue = QdrantPointIds.KeyText(key) });
        }

        foreach (var property in Data)
        {
            point.Payload.Add(property.StorageName, QdrantValues.ToValue(property.GetValueAsObject(record)));
        }

        if (_tenant is not null)
        {
            point.Payload.Add(_tenant.Field, QdrantValues.ToValue(_tenant.Value));
        }

        return point;
    }

    /// <summary>The query vector for <paramref name="property"/>, checked against its dimension.</summary>
    public static float[] QueryVector<TInput>(TInput searchValue, VectorPropertyModel property, string collection)
    {
        var query = FloatVectorTypes.FromSearchInput(searchValue);
        return query.Length == property.Dimensions
            ? query.ToArray()
            : throw new ArgumentException($"Query has {query.Length} dimensions; vector '{property.StorageName}' of collection '{collection}' needs {property.Dimensions}.", nameof(searchValue));
    }

    /// <summary>Whether a point read back belongs to this mapper's tenant (always, without tenancy).</summary>
    public bool InTenant(MapField<string, Value> payload) =>
        _tenant is null || (payload.TryGetValue(_tenant.Field, out var value) && value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == _tenant.Value);

    public TRecord ToRecord<TRecord>(PointId id, MapField<string, Value> payload, VectorsOutput? vectors, bool includeVectors, string collection)
    {
        var record = Model.CreateRecord<TRecord>()!;
        var text = KeyInPayload
            ? payload.TryGetValue(Key.StorageName, out var stored) && stored.KindCase == Value.KindOneofCase.StringValue
                ? stored.StringValue
                : throw new VectorStoreException($"Qdrant point {id} in '{collection}' has no '{Key.StorageName}' payload field holding its key.")
            : null;
        object key = Key.Type == typeof(string) ? text!
            : Key.Type == typeof(Guid) ? Guid.Parse(text ?? id.Uuid)
            : text is null ? id.Num : ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Key.SetValueAsObject(record, key);
        foreach (var property in Data)
        {
            // Absent or null fields leave the property at its default, as the other backends do.
            if (payload.TryGetValue(property.StorageName, out var value) && QdrantValues.FromValue(value, property.Type) is { } read)
            {
                property.SetValueAsObject(record, read);
            }
        }

        if (includeVectors && vectors is not null)
        {
            foreach (var property in Vectors)
            {
                if (DenseOf(vectors, property.StorageName) is { } vector)
                {
                    SetVector(record, property, vector);
                }
            }
        }

        return record;
    }

    private static float[]? DenseOf(VectorsOutput vectors, string name)
    {
        VectorOutput? output = vectors.VectorsOptionsCase switch
        {
            VectorsOutput.VectorsOptionsOneofCase.Vectors => vectors.Vectors.Vectors.TryGetValue(name, out var named) ? named : null,
            VectorsOutput.VectorsOptionsOneofCase.Vector => vectors.Vector,
            _ => null,
        };
#pragma warning disable CS0612 // Servers before the dense/sparse split send the plain data field.
        return output is null ? null : output.Dense is { } dense ? [.. dense.Data] : [.. output.Data];
#pragma warning restore CS0612
    }

    private static ReadOnlyMemory<float> VectorOf(object record, VectorPropertyModel property, object key, string collection)
    {
        var vector = property.GetValueAsObject(record) switch
        {
            float[] array => array,
            ReadOnlyMemory<float> memory => memory,
            Embedding<float> embedding => embedding.Vector,
            _ => throw new ArgumentException($"Record '{key}' has no vector in '{property.ModelName}'."),
        };
        return vector.Length == property.Dimensions
            ? vector
            : throw new ArgumentException($"Record '{key}' has a {vector.Length}-dimensional '{property.ModelName}'; collection '{collection}' needs {property.Dimensions}.");
    }

    private static void SetVector(object record, VectorPropertyModel property, float[] vector)
    {
        object boxed = property.Type == typeof(float[]) ? vector
            : property.Type == typeof(Embedding<float>) ? new Embedding<float>(vector)
            : new ReadOnlyMemory<float>(vector);
        property.SetValueAsObject(record, boxed);
    }
}
