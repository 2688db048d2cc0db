using System.Text.Json;
using BasketReasoner.Reasoning.Fusion;

namespace BasketReasoner.Composition;

/// <summary>Reads and writes <c>config/fusion.json</c>: the fusion weights and ambiguity threshold tuned on val.</summary>
public static class FusionConfig
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static FusionOptions Load(string? path = null)
    {
        path ??= DefaultAssets.FusionConfigPath;
        var options = JsonSerializer.Deserialize<FusionOptions>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        try
        {
            options.TextGate.Validate();
            options.Confidence?.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        return options;
    }

    public static void Save(string path, FusionOptions options) =>
        File.WriteAllText(path, JsonSerializer.Serialize(options, Json) + "\n");
}
