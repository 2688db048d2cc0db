using System.Text.Json;
using System.Text.Json.Nodes;

namespace BasketReasoner.Reasoning.Fusion;

/// <summary>
/// Weights of the fusion's log-linear model and its ambiguity threshold. The shipped values were tuned on
/// sessions simulated from the <c>val</c> split (see <c>eval/README.md</c>); they are config, not code.
/// </summary>
public sealed record FusionOptions
{
    /// <summary>Exponent on the classifier's probability (a temperature). Default: 1.</summary>
    public double VisionWeight { get; set; } = 1.0;

    /// <summary>Multiplier on the best prototype cosine similarity (retrieval evidence). Default: 0.</summary>
    public double RetrievalWeight { get; set; }

    /// <summary>Multiplier on the weight log-likelihood. Default: 1.</summary>
    public double WeightWeight { get; set; } = 1.0;

    /// <summary>
    /// Prior mass a removal spreads over products that are not in the basket (a missed add, a swapped item).
    /// Default: 0.001.
    /// </summary>
    public double RemoveOutsideBasketMass { get; set; } = 0.001;

    /// <summary>
    /// How much more likely an add is of a product already in the basket (shoppers take two of the same):
    /// prior ∝ 1 + boost for those products, 1 for the rest. Default: 0 (uniform adds).
    /// </summary>
    public double AddRepeatBoost { get; set; }

    /// <summary>
    /// Multiplier γ on the label-text score (<c>LabelTextMatcher</c>): log-score += γ · text(c). Default: 0 (label
    /// text off).
    /// </summary>
    public double TextWeight { get; set; }

    /// <summary>
    /// Label text is read only when the recognizer gives branded (packaged) products at least this much probability
    /// mass: OCR costs far more than the rest of the pipeline and only packs carry text. 0 reads every frame.
    /// Default: 0.05.
    /// </summary>
    public double TextGatePackagedMass { get; set; } = 0.05;

    /// <summary>
    /// Label text is not read when the fusion without it already gives its best product at least this posterior:
    /// OCR then runs only where text can still change or firm up the decision, which takes it off the fast path of
    /// confident events. 1 or more: never skipped (every frame the packaged gate passes is read). Used only when
    /// <see cref="LabelTextGateOptions.DecidedAt"/> is unset. Default: 1.
    /// </summary>
    public double TextSkipConfidence { get; set; } = 1.0;

    /// <summary>
    /// Shorter side the label-text detector upscales a frame to before finding text lines (the OCR's
    /// <c>DetectorMinSide</c>); 0 reads frames at their own size. Detection cost grows with its input's pixels.
    /// Default: 736 (RapidOCR's PP-OCRv4 setting).
    /// </summary>
    public int TextDetectorMinSide { get; set; } = 736;

    /// <summary>
    /// Reads label text only while the decision depends on it (<see cref="LabelTextGateOptions"/>). Default: its defaults
    /// (the chain sets the threshold to the escalation's acceptance threshold).
    /// </summary>
    public LabelTextGateOptions TextGate { get; set; } = new();

    /// <summary>Below this posterior the event is flagged ambiguous for the next stage. Default: 0.9.</summary>
    public double AmbiguityThreshold { get; set; } = 0.9;

    /// <summary>Candidates kept, with evidence, in a <c>Resolution</c>. Default: 5.</summary>
    public int TopCandidates { get; set; } = 5;

    public WeightModelOptions Weight { get; set; } = new();

    /// <summary>
    /// The confidence of fusion's pick from its posterior and a margin with its own weights, fitted on val
    /// (<see cref="ConfidenceModelOptions"/>). Default: <c>null</c> (the confidence is the pick's fusion posterior).
    /// </summary>
    public ConfidenceModelOptions? Confidence { get; set; }

    /// <summary>The weight the confidence margin gives <paramref name="source"/>: the confidence model's when it names the source, else <see cref="WeightOf"/>.</summary>
    public double ConfidenceWeightOf(string source) =>
        Confidence is { } model && model.Weights.TryGetValue(source, out var w) ? w : WeightOf(source);

    /// <summary>
    /// Evidence sources added to the built-in five (<see cref="EvidenceSources"/>), by name: each entry holds the
    /// source's <c>Weight</c> (absent or 0: the source is not built) and its own options. Default: none.
    /// </summary>
    public Dictionary<string, JsonElement> Sources { get; set; } = [];

    /// <summary>
    /// The fusion weight of the source named <paramref name="source"/>: the named properties for the built-in sources
    /// (the prior's is 1), the entry's <c>Weight</c> under <see cref="Sources"/> for the rest, 0 when unknown.
    /// </summary>
    public double WeightOf(string source) => source switch
    {
        EvidenceSources.Vision => VisionWeight,
        EvidenceSources.Retrieval => RetrievalWeight,
        EvidenceSources.Weight => WeightWeight,
        EvidenceSources.Text => TextWeight,
        EvidenceSources.Prior => 1.0,
        _ => Sources.TryGetValue(source, out var entry) && entry.ValueKind == JsonValueKind.Object
            && entry.TryGetProperty("Weight", out var w) && w.TryGetDouble(out var d) ? d : 0,
    };

    /// <summary>The options of the added source <paramref name="source"/>, read from its entry under <see cref="Sources"/>; defaults without one.</summary>
    /// <exception cref="JsonException">The entry does not bind to <typeparamref name="T"/>.</exception>
    public T SourceOptions<T>(string source)
        where T : new() =>
        Sources.TryGetValue(source, out var entry) && entry.ValueKind == JsonValueKind.Object ? entry.Deserialize<T>() ?? new T() : new T();

    /// <summary>A copy whose added source <paramref name="source"/> has weight <paramref name="weight"/> (its other options kept).</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is built in: set its named property instead.</exception>
    public FusionOptions WithSourceWeight(string source, double weight)
    {
        if (EvidenceSources.BuiltIn.Contains(source))
        {
            throw new ArgumentException($"'{source}' is a built-in source; its weight is a named property.", nameof(source));
        }

        var entry = Sources.TryGetValue(source, out var e) && e.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(e.GetRawText())!.AsObject()
            : new JsonObject();
        entry["Weight"] = weight;
        return this with { Sources = new Dictionary<string, JsonElement>(Sources) { [source] = JsonSerializer.SerializeToElement(entry) } };
    }
}
