using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace BasketReasoner.Retrieval.Common;

/// <summary>
/// Parses the filter subset every backend supports: comparisons (<c>==, !=, &lt;, &lt;=, &gt;, &gt;=</c>) between a key or
/// data property and a value, bare boolean properties, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, and
/// <c>values.Contains(r.Property)</c>. Values may be constants or captured variables; they are evaluated here, once,
/// and travel as parameters, never as query text.
/// </summary>
internal static class FilterParser
{
    public static FilterNode Parse(LambdaExpression filter, CollectionModel model)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new Parser(filter.Parameters[0], model).Node(filter.Body);
    }

    private sealed class Parser(ParameterExpression record, CollectionModel model)
    {
        public FilterNode Node(Expression e)
        {
            switch (e)
            {
                case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } b when b.Type == typeof(bool):
                    return new AndNode(Node(b.Left), Node(b.Right));
                case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } b when b.Type == typeof(bool):
                    return new OrNode(Node(b.Left), Node(b.Right));
                case UnaryExpression { NodeType: ExpressionType.Not } u:
                    return new NotNode(Node(u.Operand));
                case BinaryExpression b when ToOp(b.NodeType) is { } op:
                    return Compare(b.Left, op, b.Right);
                case MethodCallExpression call when call.Method.Name == "Contains":
                    return Contains(call);
                case ConstantExpression { Value: bool constant }:
                    return new ConstantNode(constant);
                default:
                    if (e.Type == typeof(bool) && Property(e) is { } flag)
                    {
                        return new CompareNode(flag, CompareOp.Equal, true);
                    }

                    if (!References(e))
                    {
                        return new ConstantNode((bool)Evaluate(e)!);
                    }

                    throw Unsupported(e);
            }
        }

        private FilterNode Compare(Expression left, CompareOp op, Expression right)
        {
            if (Property(left) is { } property && !References(right))
            {
                return new CompareNode(property, op, Convert(Evaluate(right), property));
            }

            if (Property(right) is { } flipped && !References(left))
            {
                return new CompareNode(flipped, Flip(op), Convert(Evaluate(left), flipped));
            }

            throw new NotSupportedException(
                $"Filter comparison '{left} {op} {right}' must compare one record property with a value that does not depend on the record.");
        }

        private FilterNode Contains(MethodCallExpression call)
        {
            // Enumerable.Contains(values, r.P) or list.Contains(r.P).
            var (source, item) = call.Object is null && call.Arguments.Count == 2
                ? (call.Arguments[0], call.Arguments[1])
                : call.Object is not null && call.Arguments.Count == 1 ? (call.Object, call.Arguments[0]) : (null, null);
            // C# 14 binds array.Contains(x) to MemoryExtensions.Contains(ReadOnlySpan<T>, T) through an implicit
            // array-to-span conversion; spans cannot be boxed, so read the array underneath.
            while (source is MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } or UnaryExpression { NodeType: ExpressionType.Convert })
            {
                source = source is MethodCallExpression m ? m.Arguments[0] : ((UnaryExpression)source).Operand;
            }

            if (source is not null && item is not null && Property(item) is { } property && !References(source)
                && Evaluate(source) is IEnumerable values and not string)
            {
                return new InNode(property, [.. values.Cast<object?>().Select(v => Convert(v, property))]);
            }

            throw Unsupported(call);
        }

        private PropertyModel? Property(Expression e)
        {
            while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            {
                e = convert.Operand;
            }

            string? name = e switch
            {
                MemberExpression member when IsRecord(member.Expression) => member.Member.Name,
                MethodCallExpression { Method.Name: "get_Item", Arguments: [ConstantExpression { Value: string key }] } indexer
                    when IsRecord(indexer.Object) => key,
                _ => null,
            };
            if (name is null)
            {
                return null;
            }

            var found = model.KeyProperties.Cast<PropertyModel>().Concat(model.DataProperties)
                .FirstOrDefault(p => p.ModelName == name);
            return found ?? throw new NotSupportedException(
                model.VectorProperties.Any(v => v.ModelName == name)
                    ? $"Vector property '{name}' cannot be used in a filter."
                    : $"'{name}' is not a key or data property of this collection.");
        }

        private bool IsRecord(Expression? e)
        {
            while (e is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            {
                e = convert.Operand;
            }

            return e == record;
        }

        private bool References(Expression e)
        {
            var finder = new ParameterFinder(record);
            finder.Visit(e);
            return finder.Found;
        }

        private static object? Evaluate(Expression e) => e switch
        {
            ConstantExpression constant => constant.Value,
            MemberExpression { Expression: ConstantExpression closure, Member: FieldInfo field } => field.GetValue(closure.Value),
            MemberExpression { Expression: ConstantExpression closure, Member: PropertyInfo prop } => prop.GetValue(closure.Value),
            UnaryExpression { NodeType: ExpressionType.Convert } u when u.Operand.Type.IsAssignableTo(u.Type) => Evaluate(u.Operand),
            _ => Expression.Lambda(e).Compile().DynamicInvoke(),
        };

        // Comparisons against a nullable property lift the value to Nullable<T>; store the underlying value.
        private static object? Convert(object? value, PropertyModel property)
        {
            if (value is null)
            {
                return null;
            }

            var target = Nullable.GetUnderlyingType(property.Type) ?? property.Type;
            return target.IsInstanceOfType(value) ? value
                : target.IsEnum ? Enum.ToObject(target, value)
                : System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        }

        private static CompareOp? ToOp(ExpressionType type) => type switch
        {
            ExpressionType.Equal => CompareOp.Equal,
            ExpressionType.NotEqual => CompareOp.NotEqual,
            ExpressionType.LessThan => CompareOp.LessThan,
            ExpressionType.LessThanOrEqual => CompareOp.LessThanOrEqual,
            ExpressionType.GreaterThan => CompareOp.GreaterThan,
            ExpressionType.GreaterThanOrEqual => CompareOp.GreaterThanOrEqual,
            _ => null,
        };

        private static CompareOp Flip(CompareOp op) => op switch
        {
            CompareOp.LessThan => CompareOp.GreaterThan,
            CompareOp.LessThanOrEqual => CompareOp.GreaterThanOrEqual,
            CompareOp.GreaterThan => CompareOp.LessThan,
            CompareOp.GreaterThanOrEqual => CompareOp.LessThanOrEqual,
            _ => op,
        };

        private static NotSupportedException Unsupported(Expression e) => new(
            $"Filter expression '{e}' is not supported: use comparisons of a property with a value, boolean properties, !, &&, || and values.Contains(property).");
    }

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == parameter;
            return node;
        }
    }
}
