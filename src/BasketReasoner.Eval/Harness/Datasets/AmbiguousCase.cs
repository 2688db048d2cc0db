using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Events;

namespace BasketReasoner.Eval.Harness.Datasets;

/// <summary>
/// An event the fusion pipeline found ambiguous or got wrong, with the pipeline's top candidates: the input a later
/// stage (on-device model, cloud) chooses from.
/// </summary>
/// <param name="Image">Frame path relative to the dataset's images folder.</param>
/// <param name="Candidates">The pipeline's top candidates, best first.</param>
/// <param name="Expected">The true product; it may be missing from <paramref name="Candidates"/> (then no chooser can win).</param>
/// <param name="Posteriors">The pipeline's posterior per candidate, when known.</param>
/// <param name="Basket">The basket before the event (removals are judged against it); empty when not given.</param>
public sealed record AmbiguousCase(
    string Id,
    string Split,
    string Image,
    double? WeightDeltaGrams,
    CartEventType Type,
    IReadOnlyList<string> Candidates,
    string Expected,
    IReadOnlyList<double>? Posteriors,
    IReadOnlyList<BasketLine> Basket)
{
    /// <summary>Top-level folder of the image (Fruit, Vegetables, Packages), the category results are grouped by.</summary>
    public string Category
    {
        get
        {
            var parts = Image.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 2 ? parts[1] : "other";
        }
    }
}
