namespace BasketReasoner.Generation.Sampling;

/// <summary>How the next token is picked from the logits.</summary>
public sealed class SamplingOptions
{
    /// <summary>Softmax temperature; 0 or less means greedy (argmax). Default 0.</summary>
    public float Temperature { get; init; }

    /// <summary>Keep only the k most likely tokens; 0 disables. Default 0.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of tokens whose probability reaches p; 1 disables. Default 1.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>
    /// Divides positive (multiplies negative) logits of tokens already in the context, as in CTRL / Hugging Face;
    /// 1 disables. Default 1.
    /// </summary>
    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>Random seed; <c>null</c> draws a fresh one. Default <c>null</c>.</summary>
    public int? Seed { get; init; }

    internal void Validate()
    {
        if (float.IsNaN(Temperature)) throw new ArgumentException("Temperature is NaN.");
        ArgumentOutOfRangeException.ThrowIfNegative(TopK, nameof(TopK));
        if (!(TopP > 0f && TopP <= 1f)) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
        if (!(RepetitionPenalty > 0f)) throw new ArgumentOutOfRangeException(nameof(RepetitionPenalty), RepetitionPenalty, "RepetitionPenalty must be > 0.");
    }
}
