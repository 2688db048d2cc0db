using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Events;

[JsonConverter(typeof(JsonStringEnumConverter<CartEventType>))]
public enum CartEventType
{
    [JsonStringEnumMemberName("add")]
    Add,

    [JsonStringEnumMemberName("remove")]
    Remove,
}
