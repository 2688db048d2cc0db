using System.Text.Json;
using System.Text.Json.Serialization;

namespace BasketReasoner.Core.Serialization;

/// <summary>The one JSON shape of files and reports BasketReasoner writes: snake_case names, indented, nulls left out.</summary>
public static class SnakeCaseJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The same, one object per line (JSON Lines).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
