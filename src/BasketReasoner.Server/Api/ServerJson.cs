using System.Text.Json;
using System.Text.Json.Serialization;

namespace BasketReasoner.Server.Api;

/// <summary>The server's wire JSON: snake_case, compact, nulls written (clients see every field).</summary>
internal static class ServerJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.PropertyNameCaseInsensitive = true;
        // {"type":"add","type":"remove"} is ambiguous: refuse it instead of letting the last one win.
        o.AllowDuplicateProperties = false;
        // "NaN"/"Infinity" parse so they can be rejected with a clear message instead of a generic JSON error.
        o.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }
}
