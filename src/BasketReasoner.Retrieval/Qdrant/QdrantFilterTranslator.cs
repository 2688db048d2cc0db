using BasketReasoner.Retrieval.Common;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client.Grpc;
using Range = Qdrant.Client.Grpc.Range;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// Writes a <see cref="FilterNode"/> as a Qdrant protobuf <see cref="Filter"/>: AND → <c>must</c>, OR → <c>should</c>,
/// NOT → <c>must_not</c>, equality → <c>match</c> (keyword, integer or boolean; a closed <c>range</c> for floating-point
/// fields), ordering → <c>range</c>, Contains → <c>match.keywords</c>/<c>match.integers</c>, null equality →
/// <c>is_null</c>, conditions on the key → <c>has_id</c>. Nested filters are conditions in Qdrant, so the tree maps one to one.
/// </summary>
internal static class QdrantFilterTranslator
{
    /// <summary>The filter, or null when the predicate is constant true (no filter).</summary>
    /// <param name="node">The parsed predicate.</param>
    /// <param name="idOf">The point id of a key (it depends on the tenant).</param>
    public static Filter? Translate(FilterNode node, Func<object, PointId> idOf) => node switch
    {
        ConstantNode { Value: true } => null,
        AndNode or OrNode or NotNode => Nested(node, idOf),
        _ => new Filter { Must = { Condition(node, idOf) } },
    };

    /// <summary>Adds <paramref name="condition"/> to <paramref name="filter"/>'s <c>must</c>, creating the filter when there is none.</summary>
    public static Filter And(Filter? filter, Condition condition)
    {
        if (filter is null)
        {
            return new Filter { Must = { condition } };
        }

        filter.Must.Add(condition);
        return filter;
    }

    public static Condition KeywordEquals(string field, string value) =>
        new() { Field = new FieldCondition { Key = field, Match = new Match { Keyword = value } } };

    private static Filter Nested(FilterNode node, Func<object, PointId> idOf) => node switch
    {
        AndNode => new Filter { Must = { Flatten<AndNode>(node).Select(n => Condition(n, idOf)) } },
        OrNode => new Filter { Should = { Flatten<OrNode>(node).Select(n => Condition(n, idOf)) } },
        NotNode not => new Filter { MustNot = { Condition(not.Operand, idOf) } },
        _ => new Filter { Must = { Condition(node, idOf) } },
    };

    private static Condition Condition(FilterNode node, Func<object, PointId> idOf)
    {
        switch (node)
        {
            case AndNode or OrNode or NotNode:
                return new Condition { Filter = Nested(node, idOf) };
            case ConstantNode constant:
                // An empty filter matches every point; an empty has_id list matches none.
                return constant.Value ? new Condition { Filter = new Filter() } : new Condition { HasId = new HasIdCondition() };
            case CompareNode { Property: KeyPropertyModel } key:
                return KeyCondition(key, idOf);
            case InNode { Property: KeyPropertyModel } keys:
                return new Condition { HasId = new HasIdCondition { HasId = { keys.Values.Select(k => idOf(k!)) } } };
            case CompareNode { Value: null } isNull:
                var nullCondition = new Condition { IsNull = new IsNullCondition { Key = isNull.Property.StorageName } };
                return isNull.Op switch
                {
                    CompareOp.Equal => nullCondition,
                    CompareOp.NotEqual => new Condition { Filter = new Filter { MustNot = { nullCondition } } },
                    _ => throw new NotSupportedException($"'{isNull.Property.ModelName}' cannot be ordered against null."),
                };
            case CompareNode { Op: CompareOp.NotEqual } notEqual:
                return new Condition { Filter = new Filter { MustNot = { Condition(notEqual with { Op = CompareOp.Equal }, idOf) } } };
            case CompareNode { Op: CompareOp.Equal } equal:
                return Field(equal.Property, equal.Value! switch
                {
                    double or float => null,
                    var value => Match(value),
                }, equal.Value is double or float ? new Range { Gte = Number(equal), Lte = Number(equal) } : null);
            case CompareNode range:
                var bound = Number(range);
                return Field(range.Property, null, range.Op switch
                {
                    CompareOp.LessThan => new Range { Lt = bound },
                    CompareOp.LessThanOrEqual => new Range { Lte = bound },
                    CompareOp.GreaterThan => new Range { Gt = bound },
                    _ => new Range { Gte = bound },
                });
            case InNode @in:
                return Field(@in.Property, AnyOf(@in), null);
            default:
                throw new NotSupportedException($"Filter node {node.GetType().Name} is not supported.");
        }
    }

    private static Condition KeyCondition(CompareNode key, Func<object, PointId> idOf)
    {
        var hasId = new Condition { HasId = new HasIdCondition { HasId = { idOf(key.Value ?? throw new NotSupportedException("Keys are never null.")) } } };
        return key.Op switch
        {
            CompareOp.Equal => hasId,
            CompareOp.NotEqual => new Condition { Filter = new Filter { MustNot = { hasId } } },
            _ => throw new NotSupportedException($"Qdrant cannot order points by their key '{key.Property.ModelName}'."),
        };
    }

    private static Condition Field(PropertyModel property, Match? match, Range? range)
    {
        var field = new FieldCondition { Key = property.StorageName };
        if (match is not null)
        {
            field.Match = match;
        }

        if (range is not null)
        {
            field.Range = range;
        }

        return new Condition { Field = field };
    }

    private static Match Match(object value) => value switch
    {
        string s => new Match { Keyword = s },
        Guid g => new Match { Keyword = g.ToString("D") },
        bool b => new Match { Boolean = b },
        int or long or short => new Match { Integer = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) },
        _ => throw new NotSupportedException($"Qdrant cannot match a value of type {value.GetType().Name}."),
    };

    private static Match AnyOf(InNode @in)
    {
        if (@in.Values.All(v => v is string or Guid))
        {
            return new Match { Keywords = new RepeatedStrings { Strings = { @in.Values.Select(v => v is Guid g ? g.ToString("D") : (string)v!) } } };
        }

        if (@in.Values.All(v => v is int or long or short))
        {
            return new Match { Integers = new RepeatedIntegers { Integers = { @in.Values.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)) } } };
        }

        throw new NotSupportedException($"Qdrant matches '{@in.Property.ModelName}' against a list of strings or integers only.");
    }

    private static double Number(CompareNode node) => node.Value switch
    {
        int or long or short or double or float => Convert.ToDouble(node.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"Qdrant range conditions need a numeric value; '{node.Property.ModelName}' is compared with {node.Value?.GetType().Name}."),
    };

    private static IEnumerable<FilterNode> Flatten<T>(FilterNode node)
        where T : FilterNode
    {
        if (node is T)
        {
            var (left, right) = node switch
            {
                AndNode a => (a.Left, a.Right),
                OrNode o => (o.Left, o.Right),
                _ => throw new InvalidOperationException(),
            };
            foreach (var child in Flatten<T>(left).Concat(Flatten<T>(right)))
            {
                yield return child;
            }
        }
        else
        {
            yield return node;
        }
    }
}
