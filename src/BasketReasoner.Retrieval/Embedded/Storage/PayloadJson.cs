using System.Text.Json;

namespace BasketReasoner.Retrieval.Embedded.Storage;

/// <summary>Payload rows as JSON objects keyed by storage name: the one payload format of snapshots and SQLite files.</summary>
internal static class PayloadJson
{
    public static void Write(Utf8JsonWriter writer, TableColumn[] columns, object?[] payload)
    {
        writer.WriteStartObject();
        for (var c = 0; c < columns.Length; c++)
        {
            writer.WritePropertyName(columns[c].StorageName);
            JsonSerializer.Serialize(writer, payload[c], columns[c].Type);
        }

        writer.WriteEndObject();
    }

    public static string ToJson(TableColumn[] columns, object?[] payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, columns, payload);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Missing properties stay null, so columns added to a record type later load as defaults.</summary>
    public static object?[] Read(JsonElement element, TableColumn[] columns)
    {
        var payload = new object?[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            if (element.TryGetProperty(columns[c].StorageName, out var value))
            {
                payload[c] = value.Deserialize(columns[c].Type);
            }
        }

        return payload;
    }
}
