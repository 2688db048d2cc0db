using System.Text.Json;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Serialization;

namespace BasketReasoner.Eval.Replay;

/// <summary>
/// Per-event log of a replay (JSON Lines): the decision, its confidence, the truth and the evidence of the top
/// candidates, so evaluators can study confidence curves and mistakes without re-running the pipeline.
/// </summary>
public static class EventLog
{
    public static void Write(string path, ReplayResult result)
    {
        using var writer = new StreamWriter(path);
        foreach (var s in result.Sessions)
        {
            foreach (var e in s.Events)
            {
                var line = new
                {
                    Session = e.SessionId,
                    e.Event.Seq,
                    Type = e.Event.Type == CartEventType.Add ? "add" : "remove",
                    e.Event.Image,
                    WeightDeltaG = e.Event.WeightDeltaGrams,
                    e.Truth,
                    Chosen = e.Resolution.ProductId,
                    e.Correct,
                    e.Resolution.Confidence,
                    Ambiguous = e.Resolution.IsAmbiguous,
                    e.Resolution.LatencyMs,
                    e.Resolution.Candidates,
                };
                writer.WriteLine(JsonSerializer.Serialize(line, SnakeCaseJson.Compact));
            }
        }
    }
}
