using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Catalog;

/// <summary>How a product is priced at the till.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SoldBy>))]
public enum SoldBy
{
    /// <summary>Priced per pack or piece; its weight is nearly constant.</summary>
    Unit,

    /// <summary>Loose produce priced per kilogram; one piece varies a lot in weight.</summary>
    Weight,
}
