using System.Text.Json;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Assistant;

/// <summary>One line of <c>eval/datasets/shopper-questions.jsonl</c> (format in <c>eval/datasets/README.md</c>).</summary>
public sealed record ShopperQuestionCase
{
    public required string Id { get; init; }

    public string Split { get; init; } = "val";

    public string Category { get; init; } = string.Empty;

    public IReadOnlyList<BasketLine> Basket { get; init; } = [];

    public required string Question { get; init; }

    public required ShopperExpectation Expect { get; init; }
}

/// <summary>What a correct answer must satisfy; every key given must hold.</summary>
public sealed record ShopperExpectation
{
    /// <summary><c>answered</c>, <c>unknown</c>, <c>declined</c> or <c>refused_basket_change</c>.</summary>
    public string? Kind { get; init; }

    public IReadOnlyList<ExpectedNumber>? Numbers { get; init; }

    public IReadOnlyList<string>? ContainsAll { get; init; }

    public IReadOnlyList<string>? ContainsAny { get; init; }

    public IReadOnlyList<string>? NotContains { get; init; }

    public IReadOnlyList<string>? ProductIds { get; init; }

    public string? Regex { get; init; }
}

/// <summary>A number the answer must state, within <see cref="Tolerance"/>.</summary>
public sealed record ExpectedNumber(double Value, double Tolerance = 0.01);

/// <summary>Reads shopper-question JSON Lines.</summary>
public static class ShopperQuestionFile
{
    /// <exception cref="InvalidDataException">A line is not a valid case.</exception>
    public static IReadOnlyList<ShopperQuestionCase> Read(string path)
    {
        var cases = new List<ShopperQuestionCase>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                cases.Add(JsonSerializer.Deserialize<ShopperQuestionCase>(line, SnakeCaseJson.Options) ?? throw new InvalidDataException("null"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"'{path}' line {n}: {ex.Message}", ex);
            }
        }

        return cases;
    }
}
