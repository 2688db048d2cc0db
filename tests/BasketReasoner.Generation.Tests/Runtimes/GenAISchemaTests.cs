using System.Text.Json;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Sampling;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace BasketReasoner.Generation.Tests.Runtimes;

/// <summary>
/// Schema-valid output on the GenAI runtime, both ways: the engine's JSON automaton over GenAI's logits, and GenAI's
/// own guidance loop (<see cref="GenerationOptions.UseRuntimeGrammar"/>). Every output must parse and validate.
/// </summary>
public sealed class GenAISchemaTests(GenAISchemaTests.Engines engines, ITestOutputHelper output) : IClassFixture<GenAISchemaTests.Engines>
{
    internal const string AnswerSchema = """
        {
          "type": "object",
          "properties": {
            "product": { "enum": ["Arla Mjölk 3%", "Oatly Havredryck", "Bananer"] },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
            "count": { "type": "integer", "minimum": 1, "maximum": 12 },
            "reason": { "type": "string", "minLength": 2, "maxLength": 24 },
            "facts": {
              "type": "object",
              "properties": {
                "plant_based": { "type": "boolean" },
                "origin": { "type": "string", "maxLength": 12 },
                "price": { "type": "number", "minimum": -5.5, "maximum": 99.25 }
              },
              "required": ["plant_based", "price"],
              "additionalProperties": false
            }
          },
          "required": ["product", "confidence", "count", "reason", "facts"],
          "additionalProperties": false
        }
        """;

    private static readonly PromptMessage[] s_prompt =
        [new(PromptRole.User, "Facts: Oatly Havredryck is plant based, 1000 ml, 21.50 kr. Question: Which product is plant based? Answer in JSON.")];

    /// <summary>One engine per path for the whole class (opening costs more than a short generation).</summary>
    public sealed class Engines : IDisposable
    {
        public GenerationEngine Automaton { get; } = GenerationEngine.Open(TestModels.Vlm, new EngineOptions { Runtime = GenerationRuntime.GenAI });
        /// <summary>The same engine: the native path is chosen per call (<see cref="GenerationOptions.UseRuntimeGrammar"/>).</summary>
        public GenerationEngine Native => Automaton;

        public void Dispose() => Automaton.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateTextAsync_AnswerSchemaGreedyAndSampled_EveryOutputValidates(bool native)
    {
        var engine = native ? engines.Native : engines.Automaton;
        for (int seed = 0; seed < 6; seed++)
        {
            var options = new GenerationOptions
            {
                MaxNewTokens = native ? 400 : 200,
                JsonSchema = AnswerSchema,
                UseRuntimeGrammar = native,
                Sampling = seed == 0 ? new SamplingOptions() : new SamplingOptions { Temperature = 1.5f, Seed = seed },
            };
            var result = await engine.GenerateTextAsync(s_prompt, options);
            output.WriteLine($"{(native ? "native" : "automaton")} seed {seed}: {result.Text} [{result.FinishReason}, {result.GeneratedTokens} tokens]");
            Assert.Equal(FinishReason.EndToken, result.FinishReason);
            SchemaAssert.Valid(AnswerSchema, result.Text);
        }
    }

    /// <summary>
    /// Random schemas (enum, bounded integers and numbers, required, string lengths, nested objects and arrays), random
    /// sampling: the engine's automaton over GenAI's logits always gives JSON that parses and validates, even when the
    /// random budget cuts it short (the automaton steers into a completion that fits).
    /// </summary>
    [Property(MaxTest = 25)]
    public void Generate_RandomSchemaEngineConstraint_OutputAlwaysValidates(int seed)
    {
        var r = new Random(seed);
        var schema = RandomSchema(r, 0);
        var options = new GenerationOptions
        {
            MaxNewTokens = 40 + r.Next(160),
            JsonSchema = schema,
            Sampling = new SamplingOptions { Temperature = 0.5f + (float)r.NextDouble() * 1.5f, Seed = seed },
        };
        GenerationResult result;
        try
        {
            result = engines.Automaton.GenerateTextAsync(s_prompt, options).GetAwaiter().GetResult();
        }
        catch (ArgumentException e) when (e.Message.Contains("shortest output"))
        {
            return; // the random budget is below the schema's shortest output: refused up front, as documented
        }

        output.WriteLine($"{schema}\n  -> {result.Text} [{result.FinishReason}]");
        SchemaAssert.Valid(schema, result.Text);
    }

    /// <summary>
    /// The same random schemas through GenAI's own guidance: with the budget the bounded schema asks for, every
    /// output ends with the end token and validates.
    /// </summary>
    [Property(MaxTest = 25)]
    public void Generate_RandomSchemaNativeGuidance_OutputAlwaysEndsAndValidates(int seed)
    {
        var r = new Random(seed);
        string schema;
        int maxBytes;
        while (true)
        {
            schema = RandomSchema(r, 0);
            try
            {
                maxBytes = BasketReasoner.Generation.Runtimes.GenAI.GuidanceSchema.Prepare(schema).MaxBytes;
            }
            catch (NotSupportedException)
            {
                continue; // an all-negative number range: refused by native guidance (see the fact below)
            }

            if (maxBytes <= 400) break;
        }

        var options = new GenerationOptions
        {
            MaxNewTokens = maxBytes + 1,
            JsonSchema = schema,
            UseRuntimeGrammar = true,
            Sampling = new SamplingOptions { Temperature = 0.5f + (float)r.NextDouble() * 1.5f, Seed = seed },
        };
        var result = engines.Native.GenerateTextAsync(s_prompt, options).GetAwaiter().GetResult();
        output.WriteLine($"{schema}\n  -> {result.Text} [{result.FinishReason}, {result.GeneratedTokens} tokens]");
        Assert.Equal(FinishReason.EndToken, result.FinishReason);
        SchemaAssert.Valid(schema, result.Text);
    }

    [Fact]
    public async Task GenerateTextAsync_NativeBudgetBelowLongestOutput_RefusedUpFront()
    {
        var options = new GenerationOptions { MaxNewTokens = 50, JsonSchema = AnswerSchema, UseRuntimeGrammar = true };
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => engines.Native.GenerateTextAsync(s_prompt, options));
        Assert.Contains("MaxNewTokens must be at least", e.Message);
        var unbounded = new GenerationOptions { MaxNewTokens = 400, JsonSchema = """{"type":"object","properties":{"a":{"type":"string"}}}""", UseRuntimeGrammar = true };
        e = await Assert.ThrowsAnyAsync<ArgumentException>(() => engines.Native.GenerateTextAsync(s_prompt, unbounded));
        Assert.Contains("maxLength", e.Message);
    }

    [Fact]
    public async Task GenerateTextAsync_NativeAllNegativeNumberRange_RefusedWithTheReason()
    {
        var options = new GenerationOptions { MaxNewTokens = 100, JsonSchema = """{"type":"number","minimum":-66.8,"maximum":-61.3}""", UseRuntimeGrammar = true };
        var e = await Assert.ThrowsAnyAsync<NotSupportedException>(() => engines.Native.GenerateTextAsync(s_prompt, options));
        Assert.Contains("all-negative", e.Message);
        var viaEngine = await engines.Automaton.GenerateTextAsync(s_prompt, new GenerationOptions { MaxNewTokens = 100, JsonSchema = options.JsonSchema });
        SchemaAssert.Valid(options.JsonSchema, viaEngine.Text);
    }

    internal static string RandomSchema(Random r, int depth)
    {
        int kind = depth >= 2 ? r.Next(5) : r.Next(7);
        switch (kind)
        {
            case 0:
                return $$"""{"type":"string","minLength":{{r.Next(3)}},"maxLength":{{3 + r.Next(8)}}}""";
            case 1:
            {
                int min = r.Next(-50, 50);
                return r.Next(3) switch
                {
                    0 => $$"""{"type":"integer","minimum":{{min}}}""",
                    1 => $$"""{"type":"integer","maximum":{{min}}}""",
                    _ => $$"""{"type":"integer","minimum":{{min}},"maximum":{{min + r.Next(100)}}}""",
                };
            }

            case 2:
            {
                decimal min = Math.Round((decimal)(r.NextDouble() * 200 - 100), r.Next(4));
                decimal max = min + Math.Round((decimal)(r.NextDouble() * 50), r.Next(4));
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"type":"number","minimum":{{min}},"maximum":{{max}}}""");
            }

            case 3:
                return r.Next(2) == 0 ? """{"type":"boolean"}""" : """{"enum":["Oatly Havredryck","Bananer",3,null]}""";
            case 4:
                return """{"type":"string","enum":["Arla Mjölk 3%","Oatly Havredryck","Bananer","Gurka"]}""";
            case 5:
                return $$"""{"type":"array","items":{{RandomSchema(r, depth + 1)}},"minItems":{{r.Next(2)}},"maxItems":{{1 + r.Next(depth == 0 ? 3 : 2)}}}""";
            default:
            {
                int count = 1 + r.Next(3);
                var props = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\":{RandomSchema(r, depth + 1)}"));
                var required = string.Join(",", Enumerable.Range(0, count).Where(i => i == 0 || r.Next(2) == 0).Select(i => $"\"p{i}\""));
                var closed = r.Next(2) == 0 ? ",\"additionalProperties\":false" : "";
                return $"{{\"type\":\"object\",\"properties\":{{{props}}},\"required\":[{required}]{closed}}}";
            }
        }
    }
}

/// <summary>Parses and validates with NJsonSchema (an independent validator).</summary>
internal static class SchemaAssert
{
    public static void Valid(string schema, string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            Assert.Fail($"Not JSON: {text} ({e.Message})");
        }

        var errors = NJsonSchema.JsonSchema.FromJsonAsync(schema).GetAwaiter().GetResult().Validate(text);
        Assert.True(errors.Count == 0, $"{text}: {string.Join("; ", errors)}");
    }
}
