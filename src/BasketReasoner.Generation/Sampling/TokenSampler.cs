namespace BasketReasoner.Generation.Sampling;

/// <summary>
/// Picks a token from a logits span in place: repetition penalty, then greedy or temperature / top-k / top-p
/// sampling. Scratch buffers are sized once for the vocabulary, so a call allocates nothing. Greedy is O(V);
/// sampling with top-k or top-p sorts the surviving tokens, O(V log V) worst case. Not thread-safe.
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingOptions _options;
    private readonly Random _random;
    private readonly float[] _keys;
    private readonly int[] _ids;
    private readonly bool[] _seen;

    public TokenSampler(int vocabSize, SamplingOptions options)
    {
        options.Validate();
        _options = options;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        _keys = new float[vocabSize];
        _ids = new int[vocabSize];
        _seen = new bool[vocabSize];
    }

    /// <param name="logits">Modified in place; masked tokens must already be <see cref="float.NegativeInfinity"/>.</param>
    /// <param name="context">Tokens seen so far, for the repetition penalty.</param>
    public int Sample(Span<float> logits, ReadOnlySpan<int> context)
    {
        if (_options.RepetitionPenalty != 1f)
        {
            ApplyRepetitionPenalty(logits, context, _options.RepetitionPenalty);
        }

        if (_options.Temperature <= 0f)
        {
            return ArgMax(logits);
        }

        float invT = 1f / _options.Temperature;
        float max = float.NegativeInfinity;
        int n = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if (float.IsNegativeInfinity(logits[i])) continue;
            float v = logits[i] * invT;
            _keys[n] = -v; // ascending sort on negated logits = most likely first
            _ids[n++] = i;
            max = Math.Max(max, v);
        }

        if (n == 0)
        {
            throw new InvalidOperationException("Every token is masked; nothing can be sampled.");
        }

        var keys = _keys.AsSpan(0, n);
        var ids = _ids.AsSpan(0, n);
        bool truncate = (_options.TopK > 0 && _options.TopK < n) || _options.TopP < 1f;
        if (truncate)
        {
            keys.Sort(ids);
            if (_options.TopK > 0 && _options.TopK < n)
            {
                n = _options.TopK;
            }
        }

        // keys become unnormalised probabilities
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            float p = MathF.Exp(-_keys[i] - max);
            _keys[i] = p;
            total += p;
        }

        if (_options.TopP < 1f)
        {
            double cumulative = 0, limit = _options.TopP * total;
            int keep = n;
            for (int i = 0; i < n; i++)
            {
                cumulative += _keys[i];
                if (cumulative >= limit)
                {
                    keep = i + 1;
                    break;
                }
            }

            total = 0;
            for (int i = 0; i < keep; i++) total += _keys[i];
            n = keep;
        }

        double u = _random.NextDouble() * total;
        for (int i = 0; i < n; i++)
        {
            u -= _keys[i];
            if (u < 0) return _ids[i];
        }

        return _ids[n - 1];
    }

    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = -1;
        float bestValue = float.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++)
        {
            if (logits[i] > bestValue)
            {
                bestValue = logits[i];
                best = i;
            }
        }

        return best >= 0 ? best : throw new InvalidOperationException("Every token is masked; nothing can be chosen.");
    }

    private void ApplyRepetitionPenalty(Span<float> logits, ReadOnlySpan<int> context, float penalty)
    {
        foreach (var id in context)
        {
            if ((uint)id >= (uint)logits.Length || _seen[id]) continue;
            _seen[id] = true;
            float v = logits[id];
            logits[id] = v > 0 ? v / penalty : v * penalty;
        }

        foreach (var id in context)
        {
            if ((uint)id < (uint)_seen.Length) _seen[id] = false;
        }
    }
}
