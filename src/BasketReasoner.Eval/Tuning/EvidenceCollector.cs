using BasketReasoner.Core.Data;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Eval.Tuning;

/// <summary>Runs the recognizer and the prototype index once per event of a session file and keeps the evidence.</summary>
public static class EvidenceCollector
{
    public static IReadOnlyList<SessionEvidence> Collect(
        IEnumerable<CartSession> sessions, IProductRecognizer recognizer, IProductSimilarity? similarity, string imagesFolder)
    {
        var result = new List<SessionEvidence>();
        var embedding = new float[recognizer.EmbeddingDimension];
        foreach (var s in sessions)
        {
            if (s.EventTruth is null)
            {
                throw new InvalidDataException($"Session '{s.Id}' has no per-event truth: tuning needs simulated sessions.");
            }

            var events = new List<EventEvidence>(s.Events.Count);
            for (var i = 0; i < s.Events.Count; i++)
            {
                var e = s.Events[i];
                var probs = new float[recognizer.ClassCount];
                var sim = new float[recognizer.ClassCount];
                recognizer.Recognize(File.ReadAllBytes(Path.Combine(imagesFolder, e.Image)), probs, embedding);
                similarity?.ScoreProducts(embedding, sim);
                events.Add(new EventEvidence(e, s.EventTruth[i] ?? throw new InvalidDataException($"Session '{s.Id}' event {e.Seq} has no truth."), probs, sim));
            }

            result.Add(new SessionEvidence(s.Id, events));
        }

        return result;
    }
}
