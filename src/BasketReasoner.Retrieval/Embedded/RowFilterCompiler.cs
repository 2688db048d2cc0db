using System.Linq.Expressions;

namespace BasketReasoner.Retrieval.Embedded;

/// <summary>
/// Rewrites a LINQ filter over records into a delegate over stored payload rows: <c>r.Category</c> (or
/// <c>r["Category"]</c> for dynamic records) becomes <c>(string)row[i]</c>. Filtering then needs no record
/// materialisation, so the scan allocates nothing per candidate.
/// </summary>
internal static class RowFilterCompiler
{
    public static Func<object?[], bool> CompilePredicate<TRecord>(Expression<Func<TRecord, bool>> filter, RecordMapper mapper) =>
        Compile<Func<object?[], bool>>(filter, mapper);

    public static Func<object?[], object?> CompileSelector<TRecord>(Expression<Func<TRecord, object?>> selector, RecordMapper mapper) =>
        Compile<Func<object?[], object?>>(selector, mapper);

    private static TDelegate Compile<TDelegate>(LambdaExpression lambda, RecordMapper mapper)
        where TDelegate : Delegate
    {
        var row = Expression.Parameter(typeof(object?[]), "row");
        var body = new Rewriter(lambda.Parameters[0], row, mapper).Visit(lambda.Body);
        return Expression.Lambda<TDelegate>(body, row).Compile();
    }

    private sealed class Rewriter(ParameterExpression record, ParameterExpression row, RecordMapper mapper) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            IsRecord(node.Expression)
                ? Column(node.Member.Name, node.Type)
                : base.VisitMember(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            // Dynamic records (Dictionary<string, object?>) are filtered through their indexer with a constant name.
            if (IsRecord(node.Object) && node.Method.Name == "get_Item"
                && node.Arguments is [ConstantExpression { Value: string name }])
            {
                return Column(name, node.Type);
            }

            return base.VisitMethodCall(node);
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == record
                ? throw new NotSupportedException("A filter may only read the record's key and data properties.")
                : base.VisitParameter(node);

        private bool IsRecord(Expression? expression) =>
            expression == record || (expression is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var inner } && inner == record);

        private Expression Column(string modelName, Type type)
        {
            if (!mapper.ColumnByModelName.TryGetValue(modelName, out var index))
            {
                throw new NotSupportedException(
                    modelName == mapper.Vector.ModelName
                        ? $"Vector property '{modelName}' cannot be used in a filter."
                        : $"'{modelName}' is not a key or data property of this collection.");
            }

            Expression cell = Expression.ArrayIndex(row, Expression.Constant(index));
            return type == typeof(object) ? cell : Expression.Convert(cell, type);
        }
    }
}
