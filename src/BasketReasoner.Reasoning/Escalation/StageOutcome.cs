using System.Text.Json.Serialization;

namespace BasketReasoner.Reasoning.Escalation;

/// <summary>What one stage of the chain did with an event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageOutcome>))]
public enum StageOutcome
{
    /// <summary>Its choice cleared its threshold and decided the event.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>It answered below its threshold; the event moved on.</summary>
    [JsonStringEnumMemberName("unsure")]
    Unsure,

    /// <summary>It threw, timed out or its circuit was open; the event moved on.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>No such stage is configured.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>The shopper is asked on the screen; the basket waits for the answer.</summary>
    [JsonStringEnumMemberName("asked")]
    Asked,
}
