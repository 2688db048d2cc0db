namespace BasketReasoner.Reasoning.Text;

/// <summary>Bounded edit distances for fuzzy term matching.</summary>
internal static class EditDistance
{
    /// <summary>
    /// Fewest edits that turn <paramref name="term"/> into some substring of <paramref name="text"/> (Sellers'
    /// approximate substring matching: free start and end in the text). O(|term|·|text|) time, O(|term|) space.
    /// </summary>
    public static int InSubstring(ReadOnlySpan<char> term, ReadOnlySpan<char> text)
    {
        var m = term.Length;
        if (m == 0)
        {
            return 0;
        }

        Span<int> col = m <= 128 ? stackalloc int[m + 1] : new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            col[i] = i;
        }

        var best = m;
        foreach (var c in text)
        {
            var diagonal = col[0];
            col[0] = 0; // a match may start anywhere in the text
            for (var i = 1; i <= m; i++)
            {
                var above = col[i];
                var cost = term[i - 1] == c ? 0 : 1;
                col[i] = Math.Min(Math.Min(col[i - 1] + 1, above + 1), diagonal + cost);
                diagonal = above;
            }

            best = Math.Min(best, col[m]);
        }

        return best;
    }
}
