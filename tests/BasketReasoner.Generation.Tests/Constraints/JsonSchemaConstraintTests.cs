using System.Text.Json;
using BasketReasoner.Generation.Constraints;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Sampling;
using FsCheck.Xunit;

namespace BasketReasoner.Generation.Tests.Constraints;

public class JsonSchemaConstraintTests
{
    private const string ProductSchema = """
        {
          "type": "object",
          "properties": {
            "product": { "type": "string", "enum": ["apple", "banana", "oat milk"] },
            "quantity": { "type": "integer" },
            "weight_g": { "type": "number" },
            "organic": { "type": "boolean" },
            "notes": { "type": "array", "items": { "type": "string", "maxLength": 8 }, "maxItems": 3 }
          },
          "required": ["product", "quantity"]
        }
        """;

    internal static string Generate(string schema, int seed, int maxTokens, float temperature = 1.5f)
    {
        var model = new SyntheticModel(seed);
        var loop = new DecodingLoop(model, model.Vocabulary);
        var options = new GenerationOptions
        {
            MaxNewTokens = maxTokens,
            JsonSchema = schema,
            Sampling = new SamplingOptions { Temperature = temperature, Seed = seed },
        };
        return string.Concat(loop.Run([1, 2, 3], null, options, CancellationToken.None).Select(u => u.Text));
    }

    private static void AssertValid(string schema, string output)
    {
        var parsed = NJsonSchema.JsonSchema.FromJsonAsync(schema).GetAwaiter().GetResult();
        try
        {
            using var _ = JsonDocument.Parse(output);
        }
        catch (JsonException e)
        {
            Assert.Fail($"Not JSON: {output} ({e.Message})");
        }

        var errors = parsed.Validate(output);
        Assert.True(errors.Count == 0, $"{output}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void Generate_ProductSchema_ValidatesForManySeeds()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            AssertValid(ProductSchema, Generate(ProductSchema, seed, 200));
        }
    }

    [Fact]
    public void Generate_TightBudget_StillClosesTheValue()
    {
        // Just enough for the shortest output: the constraint must steer into it, not get cut off.
        var constraint = new JsonSchemaConstraint(JsonSchemaCompiler.Compile(ProductSchema), SyntheticModel.CreateVocabulary());
        var output = Generate(ProductSchema, 7, constraint.MinimalTokens);
        AssertValid(ProductSchema, output);
    }

    [Fact]
    public void Generate_BudgetBelowShortestOutput_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => Generate(ProductSchema, 1, 5));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"anyOf":[{"type":"string"}]}}}""", "anyOf")]
    [InlineData("""{"type":["string","null"]}""", "type")]
    [InlineData("""{"type":"string","pattern":"^a"}""", "pattern")]
    [InlineData("""{"enum":[1,12]}""", "prefix")]
    public void Compile_UnsupportedSchema_NamesTheProblem(string schema, string fragment)
    {
        var e = Assert.Throws<NotSupportedException>(() => JsonSchemaCompiler.Compile(schema));
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData("""{"a": -0.5e+3}""", true)]
    [InlineData("""{"a":01}""", false)]
    [InlineData("""{"a":1.}""", false)]
    [InlineData("""{"b":1}""", false)]
    public void Automaton_NumberProperty_AcceptsExactlyJson(string text, bool valid)
    {
        var automaton = new JsonAutomaton(JsonSchemaCompiler.Compile("""{"type":"object","properties":{"a":{"type":"number"}}}"""));
        bool ok = automaton.TryConsume(System.Text.Encoding.UTF8.GetBytes(text)) && automaton.IsAccepting;
        Assert.Equal(valid, ok);
    }

    [Fact]
    public void Automaton_MinimalCompletion_FromEveryPrefix_Validates()
    {
        const string text = """{"product":"oat milk","quantity":12,"weight_g":0.5,"organic":true,"notes":["a\n","é"]}""";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var compiled = JsonSchemaCompiler.Compile(ProductSchema);
        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            var automaton = new JsonAutomaton(compiled);
            Assert.True(automaton.TryConsume(bytes.AsSpan(0, cut)), $"prefix {cut} rejected");
            var completion = new List<byte>();
            automaton.AppendMinimalCompletion(completion);
            Assert.Equal(automaton.MinimalCompletionLength(), completion.Count);
            var full = bytes.Take(cut).Concat(completion).ToArray();
            AssertValid(ProductSchema, System.Text.Encoding.UTF8.GetString(full));
        }
    }

    /// <summary>Random schemas of the supported subset, random model, random budget: the output always validates.</summary>
    [Property(MaxTest = 60)]
    public void Generate_RandomSchemaAndSeed_OutputAlwaysValidates(int seed, byte budget)
    {
        var random = new Random(seed);
        string schema = RandomSchema(random, depth: 0);
        var constraint = new JsonSchemaConstraint(JsonSchemaCompiler.Compile(schema), SyntheticModel.CreateVocabulary());
        int maxTokens = constraint.MinimalTokens + budget % 60;
        AssertValid(schema, Generate(schema, seed, maxTokens, temperature: 0.5f + (float)random.NextDouble() * 2));
    }

    private static string RandomSchema(Random r, int depth)
    {
        int kind = depth >= 2 ? r.Next(5) : r.Next(7);
        return kind switch
        {
            0 => """{"type":"string"}""",
            1 => $$"""{"type":"string","minLength":{{r.Next(3)}},"maxLength":{{3 + r.Next(5)}}}""",
            2 => """{"type":"integer"}""",
            3 => """{"type":"number"}""",
            4 => r.Next(2) == 0 ? """{"type":"boolean"}""" : """{"enum":["red","green","blue",3,null]}""",
            5 => $$"""{"type":"array","items":{{RandomSchema(r, depth + 1)}},"minItems":{{r.Next(2)}},"maxItems":{{2 + r.Next(3)}}}""",
            _ => "{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(0, 1 + r.Next(3)).Select(i => $"\"p{i}\":{RandomSchema(r, depth + 1)}")) + "},\"required\":[\"p0\"]}",
        };
    }
}
