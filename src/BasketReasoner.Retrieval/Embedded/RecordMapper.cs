using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// Converts between caller records and stored rows. Rows keep their own payload array and vector copy, so callers
/// can neither mutate stored state through a record they upserted nor through one they got back.
/// </summary>
internal sealed class RecordMapper
{
    private readonly CollectionModel _model;

    public RecordMapper(CollectionModel model)
    {
        _model = model;
        var columns = new List<PropertyModel> { model.KeyProperty };
        columns.AddRange(model.DataProperties);
        Columns = [.. columns];
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Length; i++)
        {
            byName[Columns[i].ModelName] = i;
        }

        ColumnByModelName = byName;

        Vector = model.VectorProperty;
        if (Vector.Dimensions <= 0)
        {
            throw new ArgumentException($"Vector property '{Vector.ModelName}' must declare a positive dimension count.");
        }

        Metric = ScoreMetrics.Parse(Vector.DistanceFunction);
        Schema = new TableSchema(Vector.Dimensions, [.. Columns.Select(c => new TableColumn(c.StorageName, c.Type))], Metric);
    }

    /// <summary>Column 0 is the key, then data properties in model order.</summary>
    public PropertyModel[] Columns { get; }

    public IReadOnlyDictionary<string, int> ColumnByModelName { get; }

    public VectorPropertyModel Vector { get; }

    public ScoreMetric Metric { get; }

    public TableSchema Schema { get; }

    public object?[] ToPayload(object record)
    {
        var payload = new object?[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            payload[i] = Columns[i].GetValueAsObject(record);
        }

        return payload;
    }

    public ReadOnlyMemory<float> GetVector(object record) => Vector.GetValueAsObject(record) switch
    {
        float[] array => array,
        ReadOnlyMemory<float> memory => memory,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new ArgumentException($"Record '{_model.KeyProperty.GetValueAsObject(record)}' has no vector in '{Vector.ModelName}'."),
    };

    public TRecord CreateRecord<TRecord>(object?[] payload, ReadOnlySpan<float> vector, bool includeVector)
    {
        var record = _model.CreateRecord<TRecord>()!;
        for (var i = 0; i < Columns.Length; i++)
        {
            // Skipping nulls leaves non-nullable value types at their default instead of failing the unbox.
            if (payload[i] is { } value)
            {
                Columns[i].SetValueAsObject(record, value);
            }
        }

        if (includeVector)
        {
            var copy = vector.ToArray();
            object boxed = Vector.Type == typeof(float[]) ? copy
                : Vector.Type == typeof(Embedding<float>) ? new Embedding<float>(copy)
                : new ReadOnlyMemory<float>(copy);
            Vector.SetValueAsObject(record, boxed);
        }

        return record;
    }
}
