using System.Text.Json;
using System.Text.Json.Serialization;

namespace BasketReasoner.Cli.Composition;

/// <summary>The JSON shape of every report the CLI writes: snake_case, indented.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(string? path, T value)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");
    }
}
