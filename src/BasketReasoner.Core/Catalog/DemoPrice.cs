using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Catalog;

/// <summary>
/// A demo store price. The dataset has no prices: these are plausible Swedish store prices made up for the demo,
/// and every place that shows one says so.
/// </summary>
public sealed record DemoPrice
{
    public required decimal Amount { get; init; }

    /// <summary>ISO currency code; <c>SEK</c> by default.</summary>
    public string Currency { get; init; } = "SEK";

    public required PriceUnit Per { get; init; }

    /// <summary>Always <c>true</c>: marks the price as a demo value, not a real one.</summary>
    public bool IsDemo { get; init; } = true;
}

[JsonConverter(typeof(JsonStringEnumConverter<PriceUnit>))]
public enum PriceUnit
{
    Unit,
    Kilogram,
}
