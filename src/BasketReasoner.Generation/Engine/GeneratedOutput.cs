namespace BasketReasoner.Generation.Engine;

/// <summary>
/// What every decoding loop does with a token once it is chosen, whoever chose it (the shared sampler and automaton,
/// or a runtime's own guidance): count it, turn its bytes into streamed text through the stop sequences, and say
/// whether a stop sequence or <see cref="GenerationOptions.MaxNewTokens"/> ends the output; then the closing update.
/// </summary>
internal sealed class GeneratedOutput(GenerationOptions options, int promptLength)
{
    private readonly StopSequenceMatcher _stops = new(options.StopSequences);

    /// <summary>Tokens chosen so far, the end token included.</summary>
    public int Count { get; private set; }

    /// <summary>Counts a chosen token; call it before <see cref="Emit"/>, and for the end token too.</summary>
    public void Chosen() => Count++;

    /// <summary>The token's update, and the reason the output ends after it, if it does.</summary>
    public (GenerationUpdate Update, FinishReason? Finish) Emit(int token, ReadOnlySpan<byte> bytes)
    {
        var (text, stopped) = _stops.Push(bytes);
        FinishReason? finish = stopped ? FinishReason.StopSequence : Count >= options.MaxNewTokens ? FinishReason.MaxTokens : null;
        return (new GenerationUpdate(text, token, null, promptLength, Count), finish);
    }

    /// <summary>The last update: text held back for a possible stop sequence (none after a stop) and the reason.</summary>
    public GenerationUpdate Finished(FinishReason finish) =>
        new(finish == FinishReason.StopSequence ? string.Empty : _stops.Flush(), -1, finish, promptLength, Count);
}
