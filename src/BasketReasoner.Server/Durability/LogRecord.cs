namespace BasketReasoner.Server.Durability;

/// <summary>One durable fact about a cart, in append order.</summary>
/// <param name="Seq">Log position (SQLite rowid, 1, 2, 3, … without gaps); replay follows it.</param>
/// <param name="CartId">The cart.</param>
/// <param name="Kind"><c>event</c> (an accepted sensor event, decided or pending) or <c>confirm</c> (a shopper's answer).</param>
/// <param name="RefId">The event id (for a confirmation, the event it answers).</param>
/// <param name="EventType"><c>add</c> or <c>remove</c>.</param>
/// <param name="AppliedProductId">The basket line this record changed, or <c>null</c> when it changed none.</param>
/// <param name="Body">The JSON response that was acknowledged, returned as-is when the request is replayed.</param>
internal sealed record LogRecord(long Seq, string CartId, string Kind, string RefId, string EventType, string? AppliedProductId, string Body)
{
    /// <summary>When it was recorded (ISO 8601, as stored).</summary>
    public string RecordedAt { get; init; } = "";

    /// <summary>
    /// The fingerprint of the request that was acknowledged (see <c>RequestFingerprint</c>): a retry with the same id
    /// and a different body is a conflict. <c>null</c> for records written before fingerprints were kept.
    /// </summary>
    public string? RequestHash { get; init; }
}
