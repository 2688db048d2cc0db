using System.Numerics.Tensors;
using BasketReasoner.Core.Numerics;

namespace BasketReasoner.Retrieval.CatalogSearch;

/// <summary>
/// A hashed character n-gram TF-IDF embedder: each normalized word, padded as <c>&lt;word&gt;</c>, contributes its
/// character 3-, 4- and 5-grams, hashed (FNV-1a) into <see cref="Dimensions"/> buckets; a bucket's weight is
/// (1 + log tf) · idf, with idf fitted on the corpus; the vector is L2-normalized. Shared n-grams make it robust to
/// typos ("yohgurt") and to Swedish/English word forms ("yoghurt" / "vaniljyoghurt", "mjolk" / "mjölk").
/// </summary>
/// <remarks>
/// This is not a semantic model: it knows spelling, not meaning ("milk" and "mjölk" share no n-grams). It exists
/// because no pretrained sentence-embedding weights are available here. Embedding is O(length).
/// </remarks>
public sealed class HashedNGramEmbedder : ITextEmbedder
{
    /// <summary>Default number of hash buckets.</summary>
    public const int DefaultDimensions = 4096;

    private readonly float[] _idf;

    private HashedNGramEmbedder(float[] idf)
    {
        _idf = idf;
    }

    public int Dimensions => _idf.Length;

    /// <summary>Fits the idf weights on <paramref name="corpus"/> (one string per document). O(total length).</summary>
    public static HashedNGramEmbedder Fit(IEnumerable<string> corpus, int dimensions = DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        var df = new int[dimensions];
        var seen = new HashSet<int>();
        var n = 0;
        foreach (var doc in corpus)
        {
            n++;
            seen.Clear();
            foreach (var bucket in Buckets(doc, dimensions))
            {
                if (seen.Add(bucket))
                {
                    df[bucket]++;
                }
            }
        }

        var idf = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            idf[i] = (float)(Math.Log((n + 1.0) / (df[i] + 1.0)) + 1.0);
        }

        return new HashedNGramEmbedder(idf);
    }

    /// <inheritdoc />
    public void Embed(string text, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (destination.Length != Dimensions)
        {
            throw new ArgumentException($"Destination has {destination.Length} slots; the embedder makes {Dimensions}.", nameof(destination));
        }

        destination.Clear();
        foreach (var bucket in Buckets(text, Dimensions))
        {
            destination[bucket] += 1f;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            if (destination[i] > 0f)
            {
                destination[i] = (1f + MathF.Log(destination[i])) * _idf[i];
            }
        }

        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(destination, norm, destination);
        }
    }

    private static IEnumerable<int> Buckets(string text, int dimensions)
    {
        foreach (var token in TextNormalizer.Tokens(text))
        {
            var padded = "<" + token + ">";
            for (var n = 3; n <= 5; n++)
            {
                for (var start = 0; start + n <= padded.Length; start++)
                {
                    yield return (int)(Fnv1a.Hash(padded.AsSpan(start, n)) % (uint)dimensions);
                }
            }
        }
    }
}
