using System.Collections.Concurrent;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>Remembers embeddings of short texts (single words, exemplars): the same words recur across questions.</summary>
internal sealed class CachingEncoder(ITextEncoder inner, int capacity = 20_000) : ITextEncoder
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public float[] Embed(string text)
    {
        if (_cache.TryGetValue(text, out var v))
        {
            return v;
        }

        v = inner.Embed(text);
        if (_cache.Count < capacity)
        {
            _cache.TryAdd(text, v);
        }

        return v;
    }
}
