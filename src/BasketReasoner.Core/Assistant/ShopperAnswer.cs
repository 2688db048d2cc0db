namespace BasketReasoner.Core.Assistant;

/// <summary>The assistant's complete reply.</summary>
public sealed record ShopperAnswer
{
    public required string Text { get; init; }

    public required ShopperAnswerKind Kind { get; init; }

    /// <summary>Catalog ids of the products whose facts the answer used.</summary>
    public required IReadOnlyList<string> CitedProductIds { get; init; }

    /// <summary>Which backend produced the wording, e.g. <c>rules</c>, <c>on-device</c>, <c>cloud</c>.</summary>
    public required string Stage { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public double LatencyMs { get; init; }
}
