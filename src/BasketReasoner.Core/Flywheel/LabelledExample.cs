using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Flywheel;

/// <summary>
/// One line of the flywheel's <c>examples.jsonl</c>: an event whose product a later stage settled (the shopper's
/// confirmation, stage <c>shopper</c>, or the cloud model's decision, stage <c>cloud</c>), with what the cart measured.
/// <see cref="Frames"/> are file names relative to the example folder (<c>frames/CART-EVENT-HASH-N.jpg</c>, <see cref="ExampleFileNames"/>); empty when the
/// frames were not in memory (a confirmation of an event that was pending across a restart).
/// </summary>
public sealed record LabelledExample
{
    /// <summary>The format's version; a reader refuses lines of another.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("cart_id")]
    public required string CartId { get; init; }

    [JsonPropertyName("event_id")]
    public required string EventId { get; init; }

    /// <summary><c>add</c> or <c>remove</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("product_id")]
    public required string ProductId { get; init; }

    /// <summary><c>shopper</c> or <c>cloud</c>.</summary>
    [JsonPropertyName("stage")]
    public required string Stage { get; init; }

    /// <summary>The scale's settled delta as the event reported it (negative for a removal), or <c>null</c>.</summary>
    [JsonPropertyName("weight_delta_g")]
    public double? WeightDeltaGrams { get; init; }

    [JsonPropertyName("frames")]
    public IReadOnlyList<string> Frames { get; init; } = [];

    [JsonPropertyName("at")]
    public DateTimeOffset At { get; init; }
}
