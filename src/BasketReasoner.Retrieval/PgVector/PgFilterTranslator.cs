using System.Text;
using BasketReasoner.Retrieval.Common;
using Npgsql;

namespace BasketReasoner.Retrieval.PgVector;

/// <summary>
/// Writes a <see cref="FilterNode"/> as a SQL boolean expression. Every value becomes a positional parameter
/// (<c>$n</c>); only quoted column names are written into the text.
/// </summary>
internal static class PgFilterTranslator
{
    /// <summary>Appends the condition to <paramref name="sql"/> and its values to <paramref name="parameters"/>.</summary>
    public static void Write(FilterNode node, StringBuilder sql, List<NpgsqlParameter> parameters)
    {
        switch (node)
        {
            case AndNode and:
                sql.Append('(');
                Write(and.Left, sql, parameters);
                sql.Append(" AND ");
                Write(and.Right, sql, parameters);
                sql.Append(')');
                break;
            case OrNode or:
                sql.Append('(');
                Write(or.Left, sql, parameters);
                sql.Append(" OR ");
                Write(or.Right, sql, parameters);
                sql.Append(')');
                break;
            case NotNode not:
                sql.Append("(NOT ");
                Write(not.Operand, sql, parameters);
                sql.Append(')');
                break;
            case ConstantNode constant:
                sql.Append(constant.Value ? "TRUE" : "FALSE");
                break;
            case CompareNode { Value: null } isNull:
                sql.Append(PgSql.Quote(isNull.Property.StorageName))
                    .Append(isNull.Op switch
                    {
                        CompareOp.Equal => " IS NULL",
                        CompareOp.NotEqual => " IS NOT NULL",
                        _ => throw new NotSupportedException($"'{isNull.Property.ModelName}' cannot be ordered against null."),
                    });
                break;
            case CompareNode compare:
                // C# '!=' is true for null cells, SQL '<>' is not: IS DISTINCT FROM keeps C# semantics.
                sql.Append(PgSql.Quote(compare.Property.StorageName)).Append(compare.Op switch
                {
                    CompareOp.Equal => " = ",
                    CompareOp.NotEqual => " IS DISTINCT FROM ",
                    CompareOp.LessThan => " < ",
                    CompareOp.LessThanOrEqual => " <= ",
                    CompareOp.GreaterThan => " > ",
                    _ => " >= ",
                });
                Parameter(compare.Value, sql, parameters);
                break;
            case InNode @in:
                sql.Append(PgSql.Quote(@in.Property.StorageName)).Append(" = ANY(");
                var elementType = Nullable.GetUnderlyingType(@in.Property.Type) ?? @in.Property.Type;
                var array = Array.CreateInstance(elementType, @in.Values.Length);
                for (var i = 0; i < @in.Values.Length; i++)
                {
                    array.SetValue(@in.Values[i] ?? throw new NotSupportedException("Contains over a list with null is not supported."), i);
                }

                Parameter(array, sql, parameters);
                sql.Append(')');
                break;
            default:
                throw new NotSupportedException($"Filter node {node.GetType().Name} is not supported.");
        }
    }

    private static void Parameter(object? value, StringBuilder sql, List<NpgsqlParameter> parameters)
    {
        parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        sql.Append('$').Append(parameters.Count);
    }
}
