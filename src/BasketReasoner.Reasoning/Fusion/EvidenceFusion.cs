using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Evidence;
using BasketReasoner.Core.Numerics;
using BasketReasoner.Core.Resolutions;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// Combines the evidence sources (<see cref="EvidenceSources"/>: vision, retrieval, weight, label text, basket prior,
/// and any added ones) into one posterior over the catalog:
/// <c>log p(c | e) ∝ Σ_s w_s · ℓ_s(c)</c>, where ℓ_s is source s's log-likelihood term and w_s its weight
/// (<see cref="FusionOptions.WeightOf"/>); a source with nothing to say about the event (no weight, no text) adds 0.
/// O(sources × products) per event; buffers are sized once for the catalog. Not thread-safe.
/// </summary>
public sealed class EvidenceFusion
{
    private readonly ProductCatalog _catalog;
    private readonly IEvidenceSource[] _sources;
    private readonly double[] _weights;
    private readonly double[][] _terms;
    private readonly bool[] _spoke;
    private readonly double[] _score;
    private readonly double[]? _confidenceWeights;
    private readonly double[]? _confidenceScore;

    public EvidenceFusion(ProductCatalog catalog, FusionOptions options)
        : this(catalog, options, EvidenceSources.Create(catalog, options))
    {
    }

    /// <param name="sources">The sources to sum, in order (names unique); their weights come from <paramref name="options"/>.</param>
    public EvidenceFusion(ProductCatalog catalog, FusionOptions options, IReadOnlyList<IEvidenceSource> sources)
    {
        if (sources.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != sources.Count)
        {
            throw new ArgumentException("Evidence source names must be unique.", nameof(sources));
        }

        _catalog = catalog;
        Options = options;
        _sources = [.. sources];
        _weights = [.. sources.Select(s => options.WeightOf(s.Name))];
        _terms = [.. sources.Select(_ => new double[catalog.Count])];
        _spoke = new bool[sources.Count];
        _score = new double[catalog.Count];
        if (options.Confidence is not null)
        {
            var unknown = options.Confidence.Weights.Keys.Where(k => sources.All(s => s.Name != k)).ToArray();
            if (unknown.Length > 0)
            {
                // No parameter name: the message is shown to whoever wrote the config, as it is.
                throw new ArgumentException(
                    $"Confidence:Weights names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which is no evidence source (sources: {string.Join(", ", sources.Select(s => s.Name))}).");
            }

            _confidenceWeights = [.. sources.Select(s => options.ConfidenceWeightOf(s.Name))];
            _confidenceScore = new double[catalog.Count];
        }
    }

    /// <summary>
    /// The confidence model's log-odds margin of the last <see cref="Fuse(CartEvent, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Basket, int)"/>'s
    /// pick before calibration (<see cref="ConfidenceModelOptions"/>); NaN when the model did not apply (none, or several views). The tuner ranks events by it.
    /// </summary>
    public double LastConfidenceMargin { get; private set; } = double.NaN;

    /// <summary>The log-odds of the last pick's fusion posterior, computed without rounding near 1; NaN when the model did not apply.</summary>
    public double LastPosteriorLogit { get; private set; } = double.NaN;

    public FusionOptions Options { get; }

    /// <summary>The sources summed, in order.</summary>
    public IReadOnlyList<IEvidenceSource> Sources => _sources;

    /// <summary>Fuses one event's evidence. <paramref name="probabilities"/> and <paramref name="similarity"/> are indexed by class.</summary>
    public Resolution Fuse(
        CartEvent cartEvent, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> similarity, Basket basket) =>
        Fuse(cartEvent, probabilities, similarity, [], basket);

    /// <summary>Fuses one event's evidence with label-text scores; an empty <paramref name="text"/> means no text was read.</summary>
    /// <param name="views">
    /// How many views the recognizer's evidence was averaged over (the two cart cameras' crops: 2). The confidence
    /// model (<see cref="FusionOptions.Confidence"/>) applies to one view only, the close-ups it was fitted on; on
    /// camera crops val showed it overconfident, so there the confidence is the fusion posterior. Default: 1.
    /// </param>
    public Resolution Fuse(
        CartEvent cartEvent, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> similarity, ReadOnlySpan<float> text, Basket basket, int views = 1)
    {
        var n = _catalog.Count;
        if (probabilities.Length < n || similarity.Length < n || (!text.IsEmpty && text.Length < n))
        {
            throw new ArgumentException($"Evidence spans need {n} entries, one per catalog product.");
        }

        double? measured = cartEvent.WeightDeltaGrams is { } d && double.IsFinite(d)
            ? (cartEvent.Type == CartEventType.Add ? d : -d)
            : null;
        var inputs = new EvidenceInputs
        {
            Event = cartEvent,
            MeasuredGrams = measured,
            Basket = basket,
            Probabilities = probabilities,
            Similarity = similarity,
            Text = text,
        };
        for (var k = 0; k < _sources.Length; k++)
        {
            _spoke[k] = _sources[k].Score(inputs, _terms[k].AsSpan(0, n));
        }

        var max = double.NegativeInfinity;
        for (var c = 0; c < n; c++)
        {
            var s = WeightedSum(_weights, c);
            _score[c] = s;
            max = Math.Max(max, s);
        }

        var sum = 0.0;
        for (var c = 0; c < n; c++)
        {
            _score[c] = Math.Exp(_score[c] - max);
            sum += _score[c];
        }

        var o = Options;
        Span<int> top = stackalloc int[Math.Min(o.TopCandidates, n)];
        TopK.Indices<double>(_score, top);
        // Without a confidence model the pick's confidence is its posterior; with one, the others share what is left.
        var modelled = _confidenceWeights is not null && views == 1;
        if (!modelled)
        {
            (LastConfidenceMargin, LastPosteriorLogit) = (double.NaN, double.NaN);
        }

        var (pickConfidence, restScale) = modelled ? Recalibrate(top[0], sum) : (_score[top[0]] / sum, 1.0);
        var candidates = new CandidateEvidence[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var c = top[i];
            candidates[i] = new CandidateEvidence(_catalog[c].Id, i == 0 ? pickConfidence : _score[c] / sum * restScale, Terms(c));
        }

        var confidence = candidates[0].Posterior;
        var contradicts = measured is { } grams && !WeighingLedger.IsPlausible(_catalog[top[0]], grams);
        return new Resolution
        {
            Seq = cartEvent.Seq,
            Type = cartEvent.Type,
            ProductId = candidates[0].ProductId,
            Confidence = confidence,
            IsAmbiguous = confidence < o.AmbiguityThreshold || contradicts,
            WeightContradicts = contradicts,
            Candidates = candidates,
            Stage = "fusion",
            WeightDeltaGrams = measured is null ? null : cartEvent.WeightDeltaGrams,
        };
    }

    /// <summary>
    /// Hands an event whose product is known for sure (a shopper's confirmation) to every source that learns
    /// (<see cref="ILearningEvidenceSource"/>); a no-op when none does.
    /// </summary>
    public void Learn(CartEvent cartEvent, string productId, string contributor)
    {
        foreach (var source in _sources)
        {
            (source as ILearningEvidenceSource)?.Learn(cartEvent, productId, contributor);
        }
    }

    // The pick's confidence from the confidence model; the other candidates share the rest in the fusion's proportions.
    // _score holds e^(s − max) with the pick at 1, so the rest is summed apart: 1 − posterior would round to 0 near 1.
    private (double Confidence, double RestScale) Recalibrate(int pick, double sum)
    {
        var n = _catalog.Count;
        var restMass = 0.0;
        for (var c = 0; c < n; c++)
        {
            restMass += c == pick ? 0 : _score[c];
        }

        LastPosteriorLogit = restMass > 0 ? Math.Log(_score[pick] / restMass) : double.PositiveInfinity;
        var restPosterior = restMass / sum;
        var scores = _confidenceScore!;
        var max = double.NegativeInfinity;
        for (var c = 0; c < n; c++)
        {
            var s = WeightedSum(_confidenceWeights!, c);
            scores[c] = s;
            if (c != pick)
            {
                max = Math.Max(max, s);
            }
        }

        var rest = 0.0;
        for (var c = 0; c < n; c++)
        {
            rest += c == pick ? 0 : Math.Exp(scores[c] - max);
        }

        // A pick the margin's weights rule out entirely (−∞ − −∞) gets no certainty from the margin, never NaN.
        var margin = rest > 0 ? scores[pick] - max - Math.Log(rest) : double.PositiveInfinity;
        margin = double.IsNaN(margin) ? double.NegativeInfinity : margin;
        LastConfidenceMargin = margin;
        var confidence = Options.Confidence!.Calibrate(LastPosteriorLogit, margin);
        return (confidence, restPosterior > 0 ? (1 - confidence) / restPosterior : 0);
    }

    // Σ_s w_s · ℓ_s(c) over the sources that spoke for this event.
    private double WeightedSum(double[] weights, int c)
    {
        var s = 0.0;
        for (var k = 0; k < _sources.Length; k++)
        {
            if (_spoke[k])
            {
                s += weights[k] * _terms[k][c];
            }
        }

        return s;
    }

    private EvidenceTerm[] Terms(int c)
    {
        var terms = new EvidenceTerm[_sources.Length];
        for (var k = 0; k < terms.Length; k++)
        {
            terms[k] = new EvidenceTerm(_sources[k].Name, _spoke[k] ? _terms[k][c] : 0, _weights[k]);
        }

        return terms;
    }
}
