using System.Text.Json;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Replay;

/// <summary>
/// The behaviour baseline of a replay (JSON Lines, one <see cref="Decision"/> per event, in replay order): written
/// by <c>basket eval sessions --decisions FILE</c> and compared by the replay test, so a refactoring that changes a
/// decision is caught. Posteriors are rounded so that the file is stable and diffs read.
/// </summary>
public static class DecisionLog
{
    /// <summary>Decimals the posterior keeps (1e-6).</summary>
    public const int PosteriorDecimals = 6;

    /// <summary>The decisions of a replay, in order.</summary>
    public static IReadOnlyList<Decision> From(ReplayResult result) =>
        result.Sessions.SelectMany(s => s.Events).Select(e => new Decision(
            e.SessionId,
            e.Event.Seq,
            e.Resolution.ProductId,
            e.Resolution.Stage,
            e.Resolution.IsAmbiguous,
            Math.Round(e.Resolution.Confidence, PosteriorDecimals, MidpointRounding.ToEven))).ToArray();

    public static void Write(string path, IEnumerable<Decision> decisions)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        foreach (var d in decisions)
        {
            writer.WriteLine(JsonSerializer.Serialize(d, SnakeCaseJson.Compact));
        }
    }

    /// <exception cref="InvalidDataException">A line is not a decision.</exception>
    public static IReadOnlyList<Decision> Read(string path)
    {
        var decisions = new List<Decision>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                decisions.Add(JsonSerializer.Deserialize<Decision>(line, SnakeCaseJson.Compact)
                    ?? throw new InvalidDataException("null"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a decision: {ex.Message}", ex);
            }
        }

        return decisions;
    }

    /// <summary>
    /// Every difference between a baseline and a replay, as readable lines; empty when they agree. Products, stages
    /// and flags must be equal; posteriors may differ by at most <paramref name="posteriorTolerance"/> (float
    /// rounding across CPUs). Events are matched by session and sequence number.
    /// </summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<Decision> baseline, IReadOnlyList<Decision> actual, double posteriorTolerance)
    {
        var differences = new List<string>();
        var byKey = actual.ToDictionary(d => (d.Session, d.Seq));
        foreach (var b in baseline)
        {
            if (!byKey.Remove((b.Session, b.Seq), out var a))
            {
                differences.Add($"{b.Session}#{b.Seq}: missing from the replay");
                continue;
            }

            if (a.Product != b.Product || a.Stage != b.Stage || a.Ambiguous != b.Ambiguous
                || !(Math.Abs(a.Posterior - b.Posterior) <= posteriorTolerance))
            {
                differences.Add($"{b.Session}#{b.Seq}: baseline {Describe(b)}, now {Describe(a)}");
            }
        }

        differences.AddRange(byKey.Keys.Select(k => $"{k.Session}#{k.Seq}: not in the baseline"));
        return differences;

        static string Describe(Decision d) => $"{d.Product} ({d.Stage}, {(d.Ambiguous ? "ambiguous" : "confident")}, {d.Posterior:F6})";
    }
}
