using System.Text.Json;
using BasketReasoner.Core.Serialization;
using BasketReasoner.Eval.Harness.Suites;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary><c>manifest.json</c> of a run folder: what <c>merge</c> needs to rebuild the summary from case logs alone.</summary>
public sealed class RunManifest
{
    public const string FileName = "manifest.json";

    public string Suite { get; set; } = "";

    public string Shard { get; set; } = "0/1";

    /// <summary>Graders in suite order (report columns follow it).</summary>
    public List<string> Graders { get; set; } = [];

    public List<ThresholdSpec> Thresholds { get; set; } = [];

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, SnakeCaseJson.Options) + "\n");

    public static RunManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), SnakeCaseJson.Options)
            ?? throw new InvalidDataException($"{path} is empty");
    }
}
