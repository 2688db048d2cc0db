using System.Text.Json;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Cli.Commands;

/// <summary>The JSON shape of every report the CLI writes: snake_case, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options => SnakeCaseJson.Options;

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
