using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Numerics;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// Combines vision (classifier probability and prototype similarity), the weight delta and a prior into one
/// posterior over the catalog:
/// <c>log p(c | e) ∝ α·log p_vision(c) + β·sim(c) + w·log p(|Δw| | c) + γ·text(c) + log prior(c | basket, type)</c>,
/// where text(c) is the label-text match score (0 when no text was read).
/// O(products) per event; buffers are sized once for the catalog. Not thread-safe.
/// </summary>
public sealed class EvidenceFusion
{
    private const double VisionFloor = 1e-6;
    private readonly ProductCatalog _catalog;
    private readonly WeightLikelihood _weight;
    private readonly double[] _score;
    private readonly double[] _weightLl;
    private readonly double[] _prior;

    public EvidenceFusion(ProductCatalog catalog, FusionOptions options)
    {
        _catalog = catalog;
        Options = options;
        _weight = new WeightLikelihood(options.Weight);
        _score = new double[catalog.Count];
        _weightLl = new double[catalog.Count];
        _prior = new double[catalog.Count];
    }

    public FusionOptions Options { get; }

    /// <summary>Fuses one event's evidence. <paramref name="probabilities"/> and <paramref name="similarity"/> are indexed by class.</summary>
    public Resolution Fuse(
        CartEvent cartEvent, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> similarity, Basket basket) =>
        Fuse(cartEvent, probabilities, similarity, [], basket);

    /// <summary>Fuses one event's evidence with label-text scores; an empty <paramref name="text"/> means no text was read.</summary>
    public Resolution Fuse(
        CartEvent cartEvent, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> similarity, ReadOnlySpan<float> text, Basket basket)
    {
        var n = _catalog.Count;
        if (probabilities.Length < n || similarity.Length < n || (!text.IsEmpty && text.Length < n))
        {
            throw new ArgumentException($"Evidence spans need {n} entries, one per catalog product.");
        }

        var o = Options;
        FillPrior(cartEvent.Type, basket);
        double? measured = cartEvent.WeightDeltaGrams is { } d && double.IsFinite(d)
            ? (cartEvent.Type == CartEventType.Add ? d : -d)
            : null;
        var max = double.NegativeInfinity;
        for (var c = 0; c < n; c++)
        {
            var wll = measured is { } g ? _weight.LogLikelihood(_catalog[c], g) : 0.0;
            _weightLl[c] = wll;
            var s = o.VisionWeight * Math.Log(Math.Max(probabilities[c], VisionFloor))
                + o.RetrievalWeight * similarity[c]
                + o.WeightWeight * wll
                + (text.IsEmpty ? 0 : o.TextWeight * text[c])
                + _prior[c];
            _score[c] = s;
            max = Math.Max(max, s);
        }

        var sum = 0.0;
        for (var c = 0; c < n; c++)
        {
            _score[c] = Math.Exp(_score[c] - max);
            sum += _score[c];
        }

        Span<int> top = stackalloc int[Math.Min(o.TopCandidates, n)];
        TopK.Indices<double>(_score, top);
        var candidates = new CandidateEvidence[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var c = top[i];
            candidates[i] = new CandidateEvidence(
                _catalog[c].Id, _score[c] / sum, probabilities[c], similarity[c], _weightLl[c], _prior[c])
            {
                TextScore = text.IsEmpty ? 0 : text[c],
            };
        }

        var confidence = candidates[0].Posterior;
        return new Resolution
        {
            Seq = cartEvent.Seq,
            Type = cartEvent.Type,
            ProductId = candidates[0].ProductId,
            Confidence = confidence,
            IsAmbiguous = confidence < o.AmbiguityThreshold,
            Candidates = candidates,
            Stage = "fusion",
            WeightDeltaGrams = measured is null ? null : cartEvent.WeightDeltaGrams,
        };
    }

    private void FillPrior(CartEventType type, Basket basket)
    {
        if (type == CartEventType.Add)
        {
            FillAddPrior(basket);
        }
        else
        {
            FillRemovePrior(basket);
        }
    }

    // A removal takes something the basket holds, in proportion to how many of it; the rest of the mass
    // (RemoveOutsideBasketMass) covers a basket that is itself wrong: an add that was misread or never seen.
    private void FillRemovePrior(Basket basket)
    {
        var n = _catalog.Count;
        var units = basket.TotalQuantity;
        if (units == 0)
        {
            Array.Fill(_prior, -Math.Log(n));
            return;
        }

        var outside = Math.Log(Options.RemoveOutsideBasketMass / n);
        var inside = Math.Log(1 - Options.RemoveOutsideBasketMass);
        for (var c = 0; c < n; c++)
        {
            var k = basket.Count(_catalog[c].Id);
            _prior[c] = k > 0 ? WeightLikelihood.LogAddExp(inside + Math.Log((double)k / units), outside) : outside;
        }
    }

    // Adds are uniform over the catalog, or boosted for products already in the basket (AddRepeatBoost).
    private void FillAddPrior(Basket basket)
    {
        var n = _catalog.Count;
        var boost = Math.Max(0, Options.AddRepeatBoost);
        var z = 0.0;
        for (var c = 0; c < n; c++)
        {
            _prior[c] = boost > 0 && basket.Contains(_catalog[c].Id) ? 1 + boost : 1;
            z += _prior[c];
        }

        for (var c = 0; c < n; c++)
        {
            _prior[c] = Math.Log(_prior[c] / z);
        }
    }

}
