namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// <c>minimum</c> / <c>maximum</c> on integer and number nodes. A bounded number's digits are kept in the frame
/// (sign, digits in <c>Aux</c>, fraction digits in <c>Scale</c>, no exponent) and every byte is accepted only if some
/// completion within the 15-digit limit still lands in [minimum, maximum]; the number may end only inside the range.
/// Feasibility is exact: the values reachable from a prefix within k more bytes are unions of decimal grids
/// (D·10^j + i, with t fraction digits), each checked against the range, so a prefix is never accepted that cannot
/// be finished, and the shortest completion (for the token-budget planning) is built greedily from the same test.
/// </summary>
internal sealed partial class JsonAutomaton
{
    // longest number the automaton writes: sign, 15 digits, the point
    private const int MaxNumberBytes = MaxDigits + 2;
    private const decimal Unbounded = 1_000_000_000_000_000m;

    private static readonly decimal[] s_pow10 = Enumerable.Range(0, MaxDigits + 2).Select(i => Pow10(i)).ToArray();

    private bool IsNumberDone(in Frame f)
    {
        var n = _nodes[f.Node];
        return IsNumberComplete(f) && (!n.HasBounds || InRange(f, n));
    }

    /// <summary>Like StepNumber, for a bounded node: 1 consumed, 0 rejected, -1 complete (and in range) before b.</summary>
    private static int StepBounded(ref Frame f, SchemaNode n, byte b)
    {
        if (b is (byte)'e' or (byte)'E') return 0;
        int r = StepNumber(ref f, n.Kind == SchemaKind.Number, b);
        if (r == -1) return InRange(f, n) ? -1 : 0;
        if (r == 0) return 0;
        Track(ref f, b);
        return FeasibleWithin(f, n, MaxNumberBytes) ? 1 : 0;
    }

    private static void Track(ref Frame f, byte b)
    {
        if (b == (byte)'-')
        {
            f.Negative = true;
        }
        else if (b is >= (byte)'0' and <= (byte)'9')
        {
            f.Aux = f.Aux * 10 + (b - '0');
            if (f.Phase == 5) f.Scale++;
        }
    }

    private static decimal Magnitude(in Frame f) => new((int)(f.Aux & 0xFFFFFFFF), (int)(f.Aux >> 32), 0, false, (byte)f.Scale);

    private static bool InRange(in Frame f, SchemaNode n)
    {
        var v = f.Negative ? -Magnitude(f) : Magnitude(f);
        return (n.Minimum is not { } lo || v >= lo) && (n.Maximum is not { } hi || v <= hi);
    }

    /// <summary>Whether some completion of at most <paramref name="k"/> bytes ends the number inside the range.</summary>
    private static bool FeasibleWithin(in Frame f, SchemaNode n, int k)
    {
        if (IsNumberComplete(f) && InRange(f, n)) return true;
        if (k <= 0) return false;
        if (f.Phase is 0 or 1)
        {
            // sign / first digit still to come: try each
            for (byte b = (byte)'-'; b <= (byte)'9'; b++)
            {
                if (b is (byte)'.' or (byte)'/') continue;
                var g = f;
                if (StepNumber(ref g, n.Kind == SchemaKind.Number, b) != 1) continue;
                Track(ref g, b);
                if (FeasibleWithin(g, n, k - 1)) return true;
            }

            return false;
        }

        // the range in magnitudes, for this sign
        decimal lo = n.Minimum ?? -Unbounded, hi = n.Maximum ?? Unbounded;
        decimal a = f.Negative ? -hi : lo, z = f.Negative ? -lo : hi;
        if (a < 0) a = 0;
        if (a > z) return false;
        bool fractions = n.Kind == SchemaKind.Number;
        var m = Magnitude(f);
        int digitsLeft = MaxDigits - f.Counter;
        switch (f.Phase)
        {
            case 2: // "0": only a fraction may follow
                return fractions && AnyFraction(0m, 1m, a, z, 1, Math.Min(k - 1, digitsLeft));
            case 3: // integer digits: j more of them, then optionally '.' and t fraction digits
                for (int j = 0; j <= Math.Min(k, digitsLeft); j++)
                {
                    decimal low = m * s_pow10[j], high = (m + 1) * s_pow10[j];
                    if (low > z) break;
                    if (Grid(low, high, 1m, a, z)) return true;
                    if (fractions && AnyFraction(low, high, a, z, 1, Math.Min(k - j - 1, digitsLeft - j))) return true;
                }

                return false;
            case 4: // "D.": at least one fraction digit
                return AnyFraction(m, m + 1, a, z, 1, Math.Min(k, digitsLeft));
            default: // phase 5, "D.ddd"
                return AnyFraction(m, m + 1m / s_pow10[f.Scale], a, z, f.Scale, f.Scale + Math.Min(k, digitsLeft));
        }
    }

    /// <summary>Some value low + i·10^-t (t in [minScale, maxScale]) in [low, high) lies in [a, z].</summary>
    private static bool AnyFraction(decimal low, decimal high, decimal a, decimal z, int minScale, int maxScale)
    {
        for (int t = minScale; t <= maxScale; t++)
        {
            if (Grid(low, high, 1m / s_pow10[t], a, z)) return true;
        }

        return false;
    }

    /// <summary>Some point low + i·step in [low, high) lies in [a, z].</summary>
    private static bool Grid(decimal low, decimal high, decimal step, decimal a, decimal z)
    {
        decimal start = Math.Max(low, a);
        decimal first = low + decimal.Ceiling((start - low) / step) * step;
        return first < high && first <= z;
    }

    /// <summary>The shortest bytes that finish this bounded number inside its range (memoised per state).</summary>
    private static byte[] BoundedCompletion(in Frame f, SchemaNode n)
    {
        var key = (f.Phase, f.Counter, f.Aux, f.Scale, f.Negative);
        if (n.BoundedCompletions.TryGetValue(key, out var known)) return known;
        int k = 0;
        while (!FeasibleWithin(f, n, k))
        {
            if (++k > MaxNumberBytes) throw new InvalidOperationException("A bounded number state has no completion; it should have been rejected.");
        }

        var bytes = new List<byte>(k);
        var g = f;
        while (!(IsNumberComplete(g) && InRange(g, n)))
        {
            k--;
            bool stepped = false;
            foreach (var b in "0123456789.-"u8)
            {
                var h = g;
                if (StepNumber(ref h, n.Kind == SchemaKind.Number, b) != 1) continue;
                Track(ref h, b);
                if (!FeasibleWithin(h, n, k)) continue;
                g = h;
                bytes.Add(b);
                stepped = true;
                break;
            }

            if (!stepped) throw new InvalidOperationException("A bounded number completion could not be built.");
        }

        var result = bytes.ToArray();
        n.BoundedCompletions.TryAdd(key, result);
        return result;
    }

    /// <summary>The shortest in-range literal of a bounded integer/number node (its minimal length).</summary>
    internal static byte[] ShortestBoundedLiteral(int node, SchemaNode n) => BoundedCompletion(new Frame { Node = node }, n);

    private static decimal Pow10(int i)
    {
        decimal p = 1m;
        for (int k = 0; k < i; k++) p *= 10m;
        return p;
    }
}
