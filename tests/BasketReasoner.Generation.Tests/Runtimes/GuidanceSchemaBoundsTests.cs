using System.Text.Json.Nodes;
using BasketReasoner.Generation.Runtimes.GenAI;

namespace BasketReasoner.Generation.Tests.Runtimes;

/// <summary>
/// Number bounds GenAI's native guidance gets (<see cref="GuidanceSchema.Prepare"/>, no model needed): a bound beyond
/// decimal's range is a number, clamped like any bound past ±(10^15−1) or refused as out of range, never "not a number".
/// </summary>
public sealed class GuidanceSchemaBoundsTests
{
    [Fact]
    public void Prepare_MaximumBeyondDecimal_ClampedToTheGuidanceLimit()
    {
        var (schema, _) = GuidanceSchema.Prepare("""{"type":"number","minimum":0,"maximum":1e300}""");

        Assert.Equal(999_999_999_999_999m, JsonNode.Parse(schema)!["maximum"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("""{"type":"number","minimum":1e300}""", "'minimum' at # is out of range")]
    [InlineData("""{"type":"integer","maximum":-1e300}""", "'maximum' at # is out of range")]
    [InlineData("""{"type":"number","minimum":"1"}""", "'minimum' at # must be a number")]
    [InlineData("""{"type":"string","format":"date"}""", "'format'")]
    [InlineData("""{"type":"array","items":{"type":"integer"},"uniqueItems":true}""", "'uniqueItems'")]
    public void Prepare_BoundNothingInRangeCanMeet_NamesTheProblem(string schema, string fragment)
    {
        var e = Assert.Throws<NotSupportedException>(() => GuidanceSchema.Prepare(schema));

        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }
}
