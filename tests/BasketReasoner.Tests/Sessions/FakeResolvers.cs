using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Tests.Sessions;

/// <summary>Reads the product from the frame's folder name, like a perfect recognizer; empty bytes are no image.</summary>
internal sealed class PathOracleResolver : ICartEventResolver
{
    public List<(int Seq, IReadOnlyList<BasketLine> Before)> Seen { get; } = [];

    public Func<CartEvent, string>? Override { get; init; }

    public Resolution Resolve(CartEvent cartEvent, ReadOnlySpan<byte> encodedImage, Basket basket)
    {
        if (encodedImage.IsEmpty)
        {
            throw new InvalidImageException($"frame {cartEvent.Seq} is empty");
        }

        Seen.Add((cartEvent.Seq, basket.Lines()));
        var product = Override?.Invoke(cartEvent) ?? cartEvent.Image.Split('/')[^2];
        return Outcomes.Decide(cartEvent, product, confidence: 0.9, latencyMs: 2.0);
    }
}

/// <summary>Literal decisions for scorer tests.</summary>
internal static class Outcomes
{
    public static Resolution Decide(CartEvent e, string product, double confidence = 0.9, bool ambiguous = false, double latencyMs = 1.0) => new()
    {
        Seq = e.Seq,
        Type = e.Type,
        ProductId = product,
        Confidence = confidence,
        IsAmbiguous = ambiguous,
        Candidates = [new CandidateEvidence(product, confidence, [])],
        Stage = "test",
        WeightDeltaGrams = e.WeightDeltaGrams,
        LatencyMs = latencyMs,
    };
}

/// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so a test can assert right after the call.</summary>
internal sealed class ListProgress : IProgress<int>
{
    public List<int> Values { get; } = [];

    public void Report(int value) => Values.Add(value);
}
