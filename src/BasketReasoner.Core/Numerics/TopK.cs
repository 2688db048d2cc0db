namespace BasketReasoner.Core.Numerics;

/// <summary>Indices of the largest values, best first. O(n·k) with k = <c>top.Length</c>, small k; no allocation.</summary>
public static class TopK
{
    public static void Indices<T>(ReadOnlySpan<T> values, Span<int> top)
        where T : IComparable<T>
    {
        var filled = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (filled == top.Length && v.CompareTo(values[top[filled - 1]]) <= 0)
            {
                continue;
            }

            var pos = filled < top.Length ? filled++ : filled - 1;
            while (pos > 0 && values[top[pos - 1]].CompareTo(v) < 0)
            {
                top[pos] = top[pos - 1];
                pos--;
            }

            top[pos] = i;
        }
    }
}
