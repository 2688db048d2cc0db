using System.Text.Json;
using System.Text.Json.Nodes;
using BasketReasoner.Retrieval.Common;

namespace BasketReasoner.Retrieval.Qdrant;

/// <summary>
/// Writes a <see cref="FilterNode"/> as Qdrant filter JSON: AND → <c>must</c>, OR → <c>should</c>, NOT →
/// <c>must_not</c>, equality → <c>match.value</c> (or a closed <c>range</c> for floating-point fields), ordering →
/// <c>range</c>, Contains → <c>match.any</c>, null equality → <c>is_null</c>. Nested filters are valid conditions in
/// Qdrant, so the tree maps one to one.
/// </summary>
internal static class QdrantFilterTranslator
{
    /// <summary>The filter object, or null when the predicate is constant true (no filter).</summary>
    public static JsonObject? Translate(FilterNode node) => node switch
    {
        ConstantNode { Value: true } => null,
        _ => AsFilter(Condition(node)),
    };

    private static JsonObject AsFilter(JsonObject condition) =>
        condition.ContainsKey("must") || condition.ContainsKey("should") || condition.ContainsKey("must_not")
            ? condition
            : new JsonObject { ["must"] = new JsonArray(condition) };

    private static JsonObject Condition(FilterNode node)
    {
        switch (node)
        {
            case AndNode:
                return new JsonObject { ["must"] = new JsonArray([.. Flatten<AndNode>(node).Select(Condition)]) };
            case OrNode:
                return new JsonObject { ["should"] = new JsonArray([.. Flatten<OrNode>(node).Select(Condition)]) };
            case NotNode not:
                return new JsonObject { ["must_not"] = new JsonArray(Condition(not.Operand)) };
            case ConstantNode constant:
                // An empty has_id list matches no point.
                var none = new JsonObject { ["has_id"] = new JsonArray() };
                return constant.Value ? new JsonObject { ["must_not"] = new JsonArray(none) } : new JsonObject { ["must"] = new JsonArray(none) };
            case CompareNode { Value: null } isNull:
                var nullCondition = new JsonObject { ["is_null"] = new JsonObject { ["key"] = isNull.Property.StorageName } };
                return isNull.Op switch
                {
                    CompareOp.Equal => nullCondition,
                    CompareOp.NotEqual => new JsonObject { ["must_not"] = new JsonArray(nullCondition) },
                    _ => throw new NotSupportedException($"'{isNull.Property.ModelName}' cannot be ordered against null."),
                };
            case CompareNode { Op: CompareOp.NotEqual } notEqual:
                return new JsonObject { ["must_not"] = new JsonArray(Condition(notEqual with { Op = CompareOp.Equal })) };
            case CompareNode { Op: CompareOp.Equal } equal:
                var key = equal.Property.StorageName;
                return IsFloating(equal.Value!)
                    ? new JsonObject { ["key"] = key, ["range"] = new JsonObject { ["gte"] = Value(equal.Value), ["lte"] = Value(equal.Value) } }
                    : new JsonObject { ["key"] = key, ["match"] = new JsonObject { ["value"] = Value(equal.Value) } };
            case CompareNode range:
                var bound = range.Op switch
                {
                    CompareOp.LessThan => "lt",
                    CompareOp.LessThanOrEqual => "lte",
                    CompareOp.GreaterThan => "gt",
                    _ => "gte",
                };
                if (range.Value is string or bool)
                {
                    throw new NotSupportedException($"Qdrant range conditions need a numeric value; '{range.Property.ModelName}' is compared with {range.Value.GetType().Name}.");
                }

                return new JsonObject { ["key"] = range.Property.StorageName, ["range"] = new JsonObject { [bound] = Value(range.Value) } };
            case InNode @in:
                return new JsonObject
                {
                    ["key"] = @in.Property.StorageName,
                    ["match"] = new JsonObject { ["any"] = new JsonArray([.. @in.Values.Select(Value)]) },
                };
            default:
                throw new NotSupportedException($"Filter node {node.GetType().Name} is not supported.");
        }
    }

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

    private static bool IsFloating(object value) => value is double or float or decimal;

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        Guid guid => JsonValue.Create(guid.ToString("D")),
        _ => JsonSerializer.SerializeToNode(value, value.GetType()),
    };
}
