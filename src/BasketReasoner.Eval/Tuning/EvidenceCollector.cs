using System.Diagnostics;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Sessions;
using BasketReasoner.Core.Vision;
using BasketReasoner.Reasoning.Fusion;
using BasketReasoner.Reasoning.Text;

namespace BasketReasoner.Eval.Tuning;

/// <summary>How label text is collected alongside the vision evidence.</summary>
/// <param name="Reader">The OCR.</param>
/// <param name="Catalog">What the text is matched against.</param>
/// <param name="MinPackagedMass">
/// Text is read for events whose recognizer puts at least this mass on packaged products: the lowest gate the
/// tuner may try. Frames below it are treated as if the gate was closed.
/// </param>
public sealed record TextCollection(ILabelTextReader Reader, ProductCatalog Catalog, double MinPackagedMass)
{
    /// <summary>Wall time of each OCR read (one per distinct frame), in milliseconds.</summary>
    public List<double> ReadMilliseconds { get; } = [];

    /// <summary>
    /// Process CPU time of each OCR read, in milliseconds: with one ONNX Runtime thread this is the work one core
    /// does, and unlike wall time it does not grow when other processes share the machine.
    /// </summary>
    public List<double> ReadCpuMilliseconds { get; } = [];
}

/// <summary>Runs the recognizer and the prototype index once per event of a session file and keeps the evidence.</summary>
public static class EvidenceCollector
{
    public static IReadOnlyList<SessionEvidence> Collect(
        IEnumerable<CartSession> sessions, IProductRecognizer recognizer, IProductSimilarity? similarity, string imagesFolder) =>
        Collect(sessions, recognizer, similarity, imagesFolder, null);

    /// <param name="text">
    /// When given, label text is read and scored for each event that passes its packaged-mass gate. A session
    /// file repeats frames; OCR is deterministic, so each distinct frame is read once and its scores reused.
    /// </param>
    /// <param name="progress">Receives the number of sessions collected after each session.</param>
    public static IReadOnlyList<SessionEvidence> Collect(
        IEnumerable<CartSession> sessions, IProductRecognizer recognizer, IProductSimilarity? similarity, string imagesFolder, TextCollection? text,
        IProgress<int>? progress = null)
    {
        var result = new List<SessionEvidence>();
        var embedding = new float[recognizer.EmbeddingDimension];
        var matcher = text is null ? null : new LabelTextMatcher(text.Catalog);
        var labelled = text is null ? [] : Enumerable.Range(0, text.Catalog.Count).Select(c => !string.IsNullOrWhiteSpace(text.Catalog[c].Brand)).ToArray();
        var textCache = new Dictionary<string, float[]>(StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
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
                var bytes = File.ReadAllBytes(Path.Combine(imagesFolder, e.Image));
                recognizer.Recognize(bytes, probs, embedding);
                similarity?.ScoreProducts(embedding, sim);
                float[]? scores = null;
                if (text is not null && matcher is not null && FusionResolver.PackagedMass(probs, labelled) >= text.MinPackagedMass)
                {
                    if (!textCache.TryGetValue(e.Image, out scores))
                    {
                        var cpu = process.TotalProcessorTime;
                        var start = Stopwatch.GetTimestamp();
                        var lines = text.Reader.Read(bytes);
                        scores = new float[text.Catalog.Count];
                        matcher.Score(lines, scores);
                        text.ReadMilliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        process.Refresh();
                        text.ReadCpuMilliseconds.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                        textCache[e.Image] = scores;
                    }
                }

                events.Add(new EventEvidence(e, s.EventTruth[i] ?? throw new InvalidDataException($"Session '{s.Id}' event {e.Seq} has no truth."), probs, sim, scores));
            }

            result.Add(new SessionEvidence(s.Id, events));
            progress?.Report(result.Count);
        }

        return result;
    }
}
