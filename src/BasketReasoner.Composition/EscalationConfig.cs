using System.Text.Json;
using BasketReasoner.Reasoning.Escalation;

namespace BasketReasoner.Composition;

/// <summary>Reads and writes <c>config/escalation.json</c>: the escalation chain's thresholds tuned on val.</summary>
public static class EscalationConfig
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static EscalationOptions Load(string? path = null)
    {
        path ??= DefaultAssets.EscalationConfigPath;
        return JsonSerializer.Deserialize<EscalationOptions>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    public static void Save(string path, EscalationOptions options) =>
        File.WriteAllText(path, JsonSerializer.Serialize(options, Json) + "\n");
}
