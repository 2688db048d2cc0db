using System.Globalization;
using System.Text;
using BasketReasoner.Generation.Constraints;
using FsCheck.Xunit;

namespace BasketReasoner.Generation.Tests.Constraints;

/// <summary><c>minimum</c> / <c>maximum</c> in the engine's JSON automaton: only in-range numbers can be written.</summary>
public class JsonNumberBoundsTests
{
    private static bool Accepts(string schema, string text)
    {
        var automaton = new JsonAutomaton(JsonSchemaCompiler.Compile(schema));
        return automaton.TryConsume(Encoding.UTF8.GetBytes(text)) && automaton.IsAccepting;
    }

    [Theory]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "0", true)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "1", true)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "0.75", true)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "1.0", true)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "1.01", false)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "1.55555555555555", false)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "1.5e9", false)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "-0.1", false)]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "-0", true)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":12}""", "12", true)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":12}""", "13", false)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":12}""", "0", false)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":12}""", "1.5", false)]
    [InlineData("""{"type":"number","minimum":-5.5,"maximum":99.25}""", "-5.5", true)]
    [InlineData("""{"type":"number","minimum":-5.5,"maximum":99.25}""", "-5.51", false)]
    [InlineData("""{"type":"number","minimum":-5.5,"maximum":99.25}""", "99.25", true)]
    [InlineData("""{"type":"number","minimum":-5.5,"maximum":99.25}""", "99.251", false)]
    [InlineData("""{"type":"integer","minimum":500}""", "499", false)]
    [InlineData("""{"type":"integer","minimum":500}""", "123456789012345", true)]
    [InlineData("""{"type":"integer","maximum":-3}""", "-3", true)]
    [InlineData("""{"type":"integer","maximum":-3}""", "-2", false)]
    public void Automaton_BoundedNumber_AcceptsExactlyTheRange(string schema, string text, bool valid)
    {
        Assert.Equal(valid, Accepts(schema, text));
    }

    [Theory]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "2")]
    [InlineData("""{"type":"integer","minimum":1,"maximum":12}""", "13")]
    [InlineData("""{"type":"integer","minimum":100,"maximum":120}""", "13")]
    [InlineData("""{"type":"number","minimum":0.5,"maximum":0.75}""", "0.8")]
    public void Automaton_BoundedNumber_RejectsAPrefixThatCannotEndInRange(string schema, string prefix)
    {
        var automaton = new JsonAutomaton(JsonSchemaCompiler.Compile(schema));
        Assert.False(automaton.TryConsume(Encoding.UTF8.GetBytes(prefix)));
    }

    [Theory]
    [InlineData("""{"type":"number","minimum":0.000001,"maximum":0.000002}""", "0.000001")]
    [InlineData("""{"type":"integer","minimum":100000000,"maximum":1000000000}""", "100000000")]
    [InlineData("""{"type":"integer","minimum":-12,"maximum":-7}""", "-7")]
    [InlineData("""{"type":"number","minimum":2.5}""", "3")]
    public void Compile_BoundedNumber_MinimalOutputIsTheShortestInRange(string schema, string expected)
    {
        var automaton = new JsonAutomaton(JsonSchemaCompiler.Compile(schema));
        var completion = new List<byte>();
        automaton.AppendMinimalCompletion(completion);
        Assert.Equal(expected, Encoding.UTF8.GetString(completion.ToArray()));
        Assert.Equal(expected.Length, automaton.MinimalCompletionLength());
    }

    [Theory]
    [InlineData("""{"type":"integer","minimum":1.2,"maximum":1.8}""", "No integer")]
    [InlineData("""{"type":"number","minimum":2,"maximum":1}""", "minimum > maximum")]
    [InlineData("""{"type":"number","maximum":1e12}""", "10^9")]
    [InlineData("""{"type":"number","minimum":1e300}""", "'minimum' at # is 1e300, out of range")]
    [InlineData("""{"type":"integer","maximum":-1e300}""", "'maximum' at # is -1e300, out of range")]
    [InlineData("""{"type":"number","minimum":1e-300}""", "at most 6 decimals")]
    [InlineData("""{"type":"number","minimum":"1"}""", "'minimum' at # must be a number")]
    [InlineData("""{"type":"number","minimum":0.1234567}""", "6 decimals")]
    [InlineData("""{"type":"number","exclusiveMinimum":0}""", "exclusiveMinimum")]
    [InlineData("""{"type":"number","multipleOf":0.5}""", "multipleOf")]
    [InlineData("""{"type":"string","format":"date"}""", "'format'")]
    [InlineData("""{"type":"array","items":{"type":"integer"},"uniqueItems":true}""", "'uniqueItems'")]
    public void Compile_BoundsOutsideTheSubset_NamesTheProblem(string schema, string fragment)
    {
        var e = Assert.Throws<NotSupportedException>(() => JsonSchemaCompiler.Compile(schema));
        Assert.Contains(fragment, e.Message);
    }

    /// <summary>
    /// Random bounds and random byte strings: every prefix the automaton accepts can still be finished in range
    /// (its minimal completion is an in-range number), and a finished number is accepted iff it is in range.
    /// </summary>
    [Property(MaxTest = 300)]
    public void Automaton_RandomBoundsAndBytes_PrefixesAlwaysFinishInRange(int seed)
    {
        var r = new Random(seed);
        bool integer = r.Next(2) == 0;
        decimal a = Math.Round((decimal)(r.NextDouble() * 2000 - 1000) / (decimal)Math.Pow(10, r.Next(4)), r.Next(4));
        decimal b = a + Math.Round((decimal)(r.NextDouble() * Math.Pow(10, r.Next(-2, 4))), r.Next(4));
        if (integer && decimal.Ceiling(a) > decimal.Floor(b)) b = decimal.Ceiling(a) + r.Next(3);
        string schema = string.Create(CultureInfo.InvariantCulture, $$"""{"type":"{{(integer ? "integer" : "number")}}","minimum":{{a}},"maximum":{{b}}}""");
        var compiled = JsonSchemaCompiler.Compile(schema);
        var automaton = new JsonAutomaton(compiled);
        var text = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            char c = "-0123456789.."[r.Next(13)];
            var probe = new JsonAutomaton(compiled);
            if (!probe.TryConsume(Encoding.UTF8.GetBytes(text.ToString() + c))) continue;
            text.Append(c);
            automaton = probe;
            var completion = new List<byte>();
            automaton.AppendMinimalCompletion(completion);
            var full = text + Encoding.UTF8.GetString(completion.ToArray());
            var value = decimal.Parse(full, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(value >= a && value <= b, $"{schema}: prefix '{text}' completes to {full}");
            Assert.True(Accepts(schema, full), $"{schema}: {full} not accepted");
        }

        if (automaton.IsAccepting)
        {
            var v = decimal.Parse(text.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.InRange(v, a, b);
        }
    }
}
