using System.Reflection;
using Microsoft.Extensions.VectorData.ProviderServices;
using Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

/// <summary>
/// One scalar column (key or data property) with typed read and COPY-write delegates, created once per collection so
/// rows move without per-value type dispatch or boxing through Npgsql's object paths.
/// </summary>
internal sealed class PgColumn
{
    private static readonly MethodInfo ReadMethod = typeof(PgColumn).GetMethod(nameof(ReadTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo WriteMethod = typeof(PgColumn).GetMethod(nameof(WriteTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public PgColumn(PropertyModel property)
    {
        Property = property;
        Name = PgSql.Quote(property.StorageName);
        SqlType = PgSql.ColumnType(property.Type)
            ?? throw new NotSupportedException($"Property '{property.ModelName}' has type {property.Type.Name}; supported: {PgSql.SupportedDataTypes}.");
        var clrType = Nullable.GetUnderlyingType(property.Type) ?? property.Type;
        Read = ReadMethod.MakeGenericMethod(clrType).CreateDelegate<Func<NpgsqlDataReader, int, object?>>();
        Write = WriteMethod.MakeGenericMethod(clrType).CreateDelegate<Func<NpgsqlBinaryImporter, object?, CancellationToken, Task>>();
    }

    public PropertyModel Property { get; }

    /// <summary>The quoted column name.</summary>
    public string Name { get; }

    public string SqlType { get; }

    public Func<NpgsqlDataReader, int, object?> Read { get; }

    public Func<NpgsqlBinaryImporter, object?, CancellationToken, Task> Write { get; }

    private static object? ReadTyped<T>(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static Task WriteTyped<T>(NpgsqlBinaryImporter writer, object? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync((T)value, cancellationToken);
}
