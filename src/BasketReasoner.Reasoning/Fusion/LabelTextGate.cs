using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Resolutions;
using BasketReasoner.Reasoning.Text;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// Decides, from fusion without label text, whether reading the label can still change the event's decision
/// (<see cref="LabelTextGateOptions"/>): the recognizer must see a pack, fusion must fall short of the threshold at
/// which its decision stands, and — with <see cref="LabelTextGateOptions.OnlyWhenReachable"/> — some product must be
/// able to reach that threshold with the strongest label it could carry. O(candidates); thread-safe.
/// </summary>
public sealed class LabelTextGate
{
    private readonly ProductCatalog _catalog;
    private readonly double[] _maxScore;
    private readonly double _maxAnyScore;

    public LabelTextGate(ProductCatalog catalog, LabelTextMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(matcher);
        _catalog = catalog;
        _maxScore = new double[catalog.Count];
        for (var c = 0; c < catalog.Count; c++)
        {
            _maxScore[c] = matcher.MaxScore(c);
        }

        _maxAnyScore = _maxScore.Length == 0 ? 0 : _maxScore.Max();
    }

    /// <summary>Whether to read label text for an event that fusion without text resolved to <paramref name="withoutText"/>.</summary>
    /// <param name="packagedMass">The recognizer's probability mass on branded products (<see cref="FusionResolver.PackagedMass"/>).</param>
    public bool ShouldRead(FusionOptions options, double packagedMass, Resolution withoutText)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(withoutText);
        return FusionResolver.ShouldReadText(options, packagedMass, withoutText.Confidence)
            && (!options.TextGate.OnlyWhenReachable || CanReach(options, withoutText));
    }

    /// <summary>
    /// Whether the best label any product could carry lifts it to the decision threshold. Products outside the
    /// resolution's candidates have at most the smaller of the last candidate's posterior and the mass the candidates
    /// leave, and at most the catalog's largest text score.
    /// </summary>
    public bool CanReach(FusionOptions options, Resolution withoutText)
    {
        var target = options.TextGate.DecidedAtOr(options.TextSkipConfidence);
        if (target >= 1)
        {
            // Decided only when certain: no bound below 1 says text is useless.
            return true;
        }

        // With a confidence model the pick's log-odds moves by PosteriorSlope × the text's boost of its fusion score plus
        // MarginSlope × its boost of the margin; the larger total factor keeps the bound an upper bound.
        var boost = options.Confidence is { } model
            ? Math.Max(options.TextWeight, (model.PosteriorSlope * options.TextWeight) + (model.MarginSlope * options.ConfidenceWeightOf(EvidenceSources.Text)))
            : options.TextWeight;
        double listed = 0;
        var lowest = 1.0;
        foreach (var c in withoutText.Candidates)
        {
            listed += c.Posterior;
            lowest = Math.Min(lowest, c.Posterior);
            var score = _catalog.TryGet(c.ProductId, out var product) ? _maxScore[product.ClassIndex] : _maxAnyScore;
            if (Bound(c.Posterior, boost * score) >= target)
            {
                return true;
            }
        }

        var rest = Math.Min(lowest, 1 - listed);
        return rest > 0 && _catalog.Count > withoutText.Candidates.Count && Bound(rest, boost * _maxAnyScore) >= target;
    }

    /// <summary>The largest posterior a product at <paramref name="posterior"/> can reach when its log score gains <paramref name="logBoost"/> and no other's falls.</summary>
    public static double Bound(double posterior, double logBoost)
    {
        if (posterior <= 0)
        {
            return 0;
        }

        if (posterior >= 1)
        {
            return 1;
        }

        // p·e^b / (p·e^b + 1 − p), in odds form so a large boost does not overflow.
        return 1.0 / (1.0 + ((1 - posterior) / posterior * Math.Exp(-logBoost)));
    }
}
