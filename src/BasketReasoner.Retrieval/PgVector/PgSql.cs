using System.Text;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.PgVector;

/// <summary>Column types, identifier quoting and the pgvector operator for each distance function.</summary>
internal static class PgSql
{
    public const string SupportedDataTypes = "string, int, long, short, double, float, bool, decimal, Guid, DateTimeOffset (and their nullable forms)";

    public static string? ColumnType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "text",
        var t when t == typeof(int) => "integer",
        var t when t == typeof(long) => "bigint",
        var t when t == typeof(short) => "smallint",
        var t when t == typeof(double) => "double precision",
        var t when t == typeof(float) => "real",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(decimal) => "numeric",
        var t when t == typeof(Guid) => "uuid",
        var t when t == typeof(DateTimeOffset) => "timestamptz",
        _ => null,
    };

    public static string? DatabaseName(Npgsql.NpgsqlDataSource dataSource) =>
        new Npgsql.NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database;

    /// <summary>Double-quotes an identifier (names come from record models and collection names, never from values).</summary>
    public static string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (identifier.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(identifier) > 63)
        {
            throw new ArgumentException($"'{identifier}' is not a valid PostgreSQL identifier (at most 63 bytes, no NUL).", nameof(identifier));
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The distance operator, the HNSW operator class, and how a raw distance becomes the reported score.</summary>
    public static (string Operator, string OpClass, Func<double, double> Score) Distance(string distanceFunction) => distanceFunction switch
    {
        DistanceFunction.CosineSimilarity => ("<=>", "vector_cosine_ops", d => 1 - d),
        DistanceFunction.CosineDistance => ("<=>", "vector_cosine_ops", d => d),
        DistanceFunction.DotProductSimilarity => ("<#>", "vector_ip_ops", d => -d),
        DistanceFunction.NegativeDotProductSimilarity => ("<#>", "vector_ip_ops", d => d),
        DistanceFunction.EuclideanDistance => ("<->", "vector_l2_ops", d => d),
        DistanceFunction.EuclideanSquaredDistance => ("<->", "vector_l2_ops", d => d * d),
        _ => throw new NotSupportedException($"Distance function '{distanceFunction}' is not supported by the pgvector store."),
    };
}
