using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>Payload values between .NET scalars and Qdrant's protobuf <see cref="Value"/>.</summary>
internal static class QdrantValues
{
    public static Value ToValue(object? value) => value switch
    {
        null => new Value { NullValue = NullValue.NullValue },
        string s => new Value { StringValue = s },
        bool b => new Value { BoolValue = b },
        int i => new Value { IntegerValue = i },
        long l => new Value { IntegerValue = l },
        short s => new Value { IntegerValue = s },
        double d => new Value { DoubleValue = d },
        float f => new Value { DoubleValue = f },
        Guid g => new Value { StringValue = g.ToString("D") },
        _ => throw new NotSupportedException($"Payload values of type {value.GetType().Name} are not supported."),
    };

    /// <summary>
    /// Reads <paramref name="value"/> as <paramref name="type"/>. Numbers are read across kinds (a whole double may come
    /// back as an integer from JSON-backed storage); a kind that cannot be the property's type throws.
    /// </summary>
    public static object? FromValue(Value value, Type type)
    {
        if (value.KindCase is Value.KindOneofCase.NullValue or Value.KindOneofCase.None)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return (value.KindCase, target) switch
        {
            (Value.KindOneofCase.StringValue, var t) when t == typeof(string) => value.StringValue,
            (Value.KindOneofCase.StringValue, var t) when t == typeof(Guid) => Guid.Parse(value.StringValue),
            (Value.KindOneofCase.BoolValue, var t) when t == typeof(bool) => value.BoolValue,
            (Value.KindOneofCase.IntegerValue, var t) when t == typeof(long) => value.IntegerValue,
            (Value.KindOneofCase.IntegerValue, var t) when t == typeof(int) => checked((int)value.IntegerValue),
            (Value.KindOneofCase.IntegerValue, var t) when t == typeof(short) => checked((short)value.IntegerValue),
            (Value.KindOneofCase.IntegerValue, var t) when t == typeof(double) => (double)value.IntegerValue,
            (Value.KindOneofCase.IntegerValue, var t) when t == typeof(float) => (float)value.IntegerValue,
            (Value.KindOneofCase.DoubleValue, var t) when t == typeof(double) => value.DoubleValue,
            (Value.KindOneofCase.DoubleValue, var t) when t == typeof(float) => (float)value.DoubleValue,
            _ => throw new FormatException($"Payload value of kind {value.KindCase} cannot be read as {target.Name}."),
        };
    }
}
