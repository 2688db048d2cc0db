using System.Numerics.Tensors;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Nearest labelled exemplars (<see cref="IntentExemplars"/>) in the encoder's space: each intent scores the mean of
/// its two best exemplar similarities. The exemplars are embedded once, at the first question.
/// </summary>
internal sealed class IntentClassifier(ITextEncoder encoder)
{
    private readonly Lazy<(QuestionIntent Intent, float[] Vector)[]> _exemplars = new(() =>
        IntentExemplars.All.Select(e => (e.Intent, encoder.Embed(e.Text))).ToArray());

    /// <summary>Every intent's score for <paramref name="question"/>, best first.</summary>
    public IReadOnlyList<(QuestionIntent Intent, double Score)> Score(string question)
    {
        var q = encoder.Embed(question);
        return _exemplars.Value
            .GroupBy(e => e.Intent)
            .Select(g =>
            {
                var best = g.Select(e => (double)TensorPrimitives.Dot(q, e.Vector)).OrderDescending().Take(2).ToArray();
                return (g.Key, best.Average());
            })
            .OrderByDescending(s => s.Item2)
            .ToArray();
    }
}
