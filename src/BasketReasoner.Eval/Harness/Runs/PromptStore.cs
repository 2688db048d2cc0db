using System.Text.Encodings.Web;
using System.Text.Json;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>
/// <c>prompts.json</c> of a run folder: prompt id (<c>task/version@hash</c>) → the prompt's text as the run used it.
/// Case records carry only ids; the text is kept once per run so a report can show it after the file has changed.
/// </summary>
public static class PromptStore
{
    public const string FileName = "prompts.json";

    // Prompt texts are read by people: quotes and apostrophes stay as typed.
    private static readonly JsonSerializerOptions Json = new(SnakeCaseJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The run's prompt texts; empty when the folder has none (runs made before the file existed).</summary>
    public static SortedDictionary<string, string> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<SortedDictionary<string, string>>(File.ReadAllText(path), SnakeCaseJson.Options) ?? new(StringComparer.Ordinal)
            : new SortedDictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Adds <paramref name="prompts"/> to what the folder holds (a resumed run keeps earlier texts) and writes it.</summary>
    public static SortedDictionary<string, string> Merge(string directory, IEnumerable<KeyValuePair<string, string>> prompts)
    {
        var all = new SortedDictionary<string, string>(Read(directory), StringComparer.Ordinal);
        foreach (var (id, text) in prompts)
        {
            all[id] = text;
        }

        if (all.Count > 0)
        {
            File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(all, Json) + "\n");
        }

        return all;
    }
}
