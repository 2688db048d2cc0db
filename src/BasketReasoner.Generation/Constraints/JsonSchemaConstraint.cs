using BasketReasoner.Generation.Tokenization;

namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// Masks every token whose bytes would take the output outside the schema's language, and every token after which
/// the shortest valid completion would no longer fit in the token budget, so the output always parses and validates
/// even when generation is cut by max tokens. O(V × token length + depth) per step. One instance per generation.
/// </summary>
internal sealed class JsonSchemaConstraint : ITokenConstraint
{
    private readonly TokenVocabulary _vocabulary;
    private readonly JsonAutomaton _state;
    private readonly JsonAutomaton _scratch;
    private readonly List<byte> _completion = [];

    public JsonSchemaConstraint(CompiledSchema schema, TokenVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _state = new JsonAutomaton(schema);
        _scratch = new JsonAutomaton(schema);
    }

    /// <summary>Tokens the shortest valid output needs at most (one per byte, plus the end token).</summary>
    public int MinimalTokens => _state.MinimalCompletionLength() + 1;

    public bool IsAccepting => _state.IsAccepting;

    public void Mask(Span<float> logits, int remainingTokens)
    {
        bool any = false;
        for (int id = 0; id < logits.Length; id++)
        {
            if (float.IsNegativeInfinity(logits[id])) continue;
            bool allowed;
            if (_vocabulary.IsEnd(id))
            {
                allowed = _state.IsAccepting;
            }
            else if (_vocabulary.IsSpecial(id) || _state.IsClosed || id >= _vocabulary.Count)
            {
                allowed = false;
            }
            else
            {
                _scratch.CopyFrom(_state);
                // after this token: its completion plus the end token must fit in what is left
                allowed = _scratch.TryConsume(_vocabulary.BytesOf(id))
                    && _scratch.MinimalCompletionLength() + 1 <= remainingTokens - 1;
            }

            if (!allowed) logits[id] = float.NegativeInfinity;
            any |= allowed;
        }

        if (!any)
        {
            // Only reachable when the model gave −∞ to every way forward: force the next byte of the shortest completion.
            int forced = _state.IsAccepting ? _vocabulary.PreferredEndToken : ForcedNextToken();
            logits[forced] = 0f;
        }
    }

    public void Accept(int token)
    {
        if (_vocabulary.IsEnd(token)) return;
        if (!_state.TryConsume(_vocabulary.BytesOf(token)))
        {
            throw new InvalidOperationException($"Token {token} is outside the schema's language; it should have been masked.");
        }
    }

    private int ForcedNextToken()
    {
        _completion.Clear();
        _state.AppendMinimalCompletion(_completion);
        return _vocabulary.EncodeGreedy([_completion[0]])[0];
    }
}
