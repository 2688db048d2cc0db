using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// How the FAKE Qdrant server evaluates a filter, after Qdrant's filtering documentation: a point passes when every
/// <c>must</c> condition holds, at least one <c>should</c> condition holds (when there are any; <c>min_should</c> asks for
/// at least <c>min_count</c>), and no <c>must_not</c> condition holds. A field condition on a missing or null field is
/// false; on an array it holds when any element matches. <c>is_null</c> holds for an explicit null, <c>is_empty</c> for
/// missing, null or []. <c>has_id</c> holds for the listed ids. An empty filter matches every point.
/// </summary>
public static class FakeQdrantFilter
{
    public static bool Matches(Filter? filter, PointId id, MapField<string, Value> payload)
    {
        if (filter is null)
        {
            return true;
        }

        var should = filter.Should.Count == 0 || filter.Should.Any(c => Holds(c, id, payload));
        var minShould = filter.MinShould is not { } min || min.Conditions.Count(c => Holds(c, id, payload)) >= (int)min.MinCount;
        return filter.Must.All(c => Holds(c, id, payload)) && should && minShould && !filter.MustNot.Any(c => Holds(c, id, payload));
    }

    public static double? Number(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.IntegerValue => value.IntegerValue,
        Value.KindOneofCase.DoubleValue => value.DoubleValue,
        _ => null,
    };

    private static bool Holds(Condition condition, PointId id, MapField<string, Value> payload) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, id, payload),
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Contains(id),
        Condition.ConditionOneOfOneofCase.IsNull => payload.TryGetValue(condition.IsNull.Key, out var v) && v.KindCase == Value.KindOneofCase.NullValue,
        Condition.ConditionOneOfOneofCase.IsEmpty => !payload.TryGetValue(condition.IsEmpty.Key, out var e)
            || e.KindCase == Value.KindOneofCase.NullValue || (e.KindCase == Value.KindOneofCase.ListValue && e.ListValue.Values.Count == 0),
        Condition.ConditionOneOfOneofCase.Field => Values(payload, condition.Field.Key).Any(v => FieldHolds(condition.Field, v)),
        _ => throw new FakeQdrantStatusException(Grpc.Core.StatusCode.Unimplemented, $"The fake does not evaluate {condition.ConditionOneOfCase} conditions."),
    };

    private static IEnumerable<Value> Values(MapField<string, Value> payload, string key) =>
        !payload.TryGetValue(key, out var value) ? []
        : value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values
        : [value];

    private static bool FieldHolds(FieldCondition field, Value value)
    {
        if (value.KindCase == Value.KindOneofCase.NullValue)
        {
            return false;
        }

        var holds = true;
        if (field.Match is { } match)
        {
            holds &= match.MatchValueCase switch
            {
                Match.MatchValueOneofCase.Keyword => value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == match.Keyword,
                Match.MatchValueOneofCase.Integer => value.KindCase == Value.KindOneofCase.IntegerValue && value.IntegerValue == match.Integer,
                Match.MatchValueOneofCase.Boolean => value.KindCase == Value.KindOneofCase.BoolValue && value.BoolValue == match.Boolean,
                Match.MatchValueOneofCase.Keywords => value.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(value.StringValue),
                Match.MatchValueOneofCase.Integers => value.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(value.IntegerValue),
                Match.MatchValueOneofCase.ExceptKeywords => value.KindCase == Value.KindOneofCase.StringValue && !match.ExceptKeywords.Strings.Contains(value.StringValue),
                Match.MatchValueOneofCase.ExceptIntegers => value.KindCase == Value.KindOneofCase.IntegerValue && !match.ExceptIntegers.Integers.Contains(value.IntegerValue),
                var other => throw new FakeQdrantStatusException(Grpc.Core.StatusCode.Unimplemented, $"The fake does not evaluate match.{other}."),
            };
        }

        if (field.Range is { } range)
        {
            holds &= Number(value) is { } n
                && (!range.HasLt || n < range.Lt) && (!range.HasLte || n <= range.Lte)
                && (!range.HasGt || n > range.Gt) && (!range.HasGte || n >= range.Gte);
        }

        if (field.Match is null && field.Range is null)
        {
            throw new FakeQdrantStatusException(Grpc.Core.StatusCode.Unimplemented, "The fake evaluates match and range field conditions only.");
        }

        return holds;
    }
}
