namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// Okapi BM25 over normalized tokens (k1 = 1.2, b = 0.75). Scoring a query is O(query tokens × postings).
/// </summary>
internal sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, List<(int Doc, int Tf)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<string> documents)
    {
        _lengths = new int[documents.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < documents.Count; d++)
        {
            counts.Clear();
            var tokens = TextNormalizer.Tokens(documents[d]);
            _lengths[d] = tokens.Length;
            foreach (var t in tokens)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }

            foreach (var (t, tf) in counts)
            {
                if (!_postings.TryGetValue(t, out var list))
                {
                    _postings[t] = list = [];
                }

                list.Add((d, tf));
            }
        }

        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    public int Count => _lengths.Length;

    /// <summary>Scores every document that shares a token with <paramref name="query"/>; returns (doc, score) best first.</summary>
    public List<(int Doc, double Score)> Score(string query, Func<int, bool>? accept = null)
    {
        var scores = new Dictionary<int, double>();
        foreach (var token in TextNormalizer.Tokens(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(token, out var list))
            {
                continue;
            }

            var idf = Math.Log(1 + ((Count - list.Count + 0.5) / (list.Count + 0.5)));
            foreach (var (doc, tf) in list)
            {
                if (accept is not null && !accept(doc))
                {
                    continue;
                }

                var norm = tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * _lengths[doc] / _averageLength))));
                scores[doc] = scores.GetValueOrDefault(doc) + (idf * norm);
            }
        }

        var result = scores.Select(kv => (kv.Key, kv.Value)).ToList();
        result.Sort((a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : a.Item1.CompareTo(b.Item1));
        return result;
    }
}
