using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BasketReasoner.Eval.Scale;

/// <summary>
/// Writes a simulated stream: the readings as CSV (<c>t_seconds,grams</c>) or, for a <c>.jsonl</c> path, one
/// <c>{"t":…,"g":…}</c> object a line; the ground truth beside it as <c>FILE.truth.json</c>.
/// </summary>
public static class ScaleStreamFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static string TruthPath(string readingsPath) => readingsPath + ".truth.json";

    /// <returns>The truth file's path.</returns>
    public static string Write(string path, ScaleStream stream)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stream);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        var jsonl = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            if (!jsonl)
            {
                writer.WriteLine("t_seconds,grams");
            }

            for (var i = 0; i < stream.Grams.Length; i++)
            {
                var t = stream.TimeOf(i).ToString("0.#####", CultureInfo.InvariantCulture);
                var g = stream.Grams[i].ToString("0.###", CultureInfo.InvariantCulture);
                writer.WriteLine(jsonl ? $"{{\"t\":{t},\"g\":{g}}}" : $"{t},{g}");
            }
        }

        var truthPath = TruthPath(path);
        var truth = new
        {
            stream.Seed,
            stream.SampleRateHz,
            stream.DurationSeconds,
            stream.MotionSeconds,
            stream.Jostles,
            stream.Leans,
            Events = stream.Truth,
        };
        File.WriteAllText(truthPath, JsonSerializer.Serialize(truth, JsonOptions) + "\n");
        return truthPath;
    }
}
