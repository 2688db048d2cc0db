using System.Text;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Tokenization;

namespace BasketReasoner.Generation.Tests;

/// <summary>
/// A deterministic stand-in for a language model: logits are a pseudo-random function of the whole context
/// (a rolling hash per position), so Truncate and re-Append reproduce them exactly, like a KV cache must.
/// Vocabulary: the 256 single bytes, some multi-byte pieces, then an end token.
/// </summary>
internal sealed class SyntheticModel : ILogitsSource
{
    public static readonly string[] Pieces =
    [
        "{\"", "\":", "\",\"", "\"}", "true", "false", "null", " \"", "12", "0.5", "e+", "],", "[\"", "apple", " juice", "é", "\\n", "ab", "\"", "\",", "},{",
    ];

    private readonly int _seed;
    private readonly List<ulong> _hashes = [];
    private readonly float[] _logits;

    public SyntheticModel(int seed, int maxLength = 4096, float scale = 3f)
    {
        _seed = seed;
        Scale = scale;
        Vocabulary = CreateVocabulary();
        _logits = new float[Vocabulary.Count];
        MaxLength = maxLength;
    }

    public static int EndToken => 256 + Pieces.Length;

    public TokenVocabulary Vocabulary { get; }

    public float Scale { get; }

    public int ForwardCalls { get; private set; }

    public int VocabSize => Vocabulary.Count;

    public int Length => _hashes.Count;

    public int MaxLength { get; }

    // Nothing native to free.
    public void Dispose()
    {
    }

    public static TokenVocabulary CreateVocabulary()
    {
        var bytes = new List<byte[]>();
        for (int b = 0; b < 256; b++) bytes.Add([(byte)b]);
        bytes.AddRange(Pieces.Select(Encoding.UTF8.GetBytes));
        bytes.Add(Encoding.UTF8.GetBytes("<|end|>"));
        var special = new bool[bytes.Count];
        special[^1] = true;
        return new TokenVocabulary(bytes.ToArray(), special, [bytes.Count - 1]);
    }

    public ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens, ReadOnlySpan<float> imageFeatures = default)
    {
        ForwardCalls++;
        foreach (var t in tokens)
        {
            if (_hashes.Count >= MaxLength) throw new InvalidOperationException("context full");
            ulong previous = _hashes.Count == 0 ? (ulong)_seed * 0x9E3779B97F4A7C15UL : _hashes[^1];
            _hashes.Add(Mix(previous ^ ((ulong)t + 1) * 0xBF58476D1CE4E5B9UL));
        }

        var rng = new Random(unchecked((int)_hashes[^1]));
        for (int i = 0; i < _logits.Length; i++) _logits[i] = (float)(rng.NextDouble() * 2 - 1) * Scale;
        return _logits;
    }

    public void Truncate(int length) => _hashes.RemoveRange(length, _hashes.Count - length);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
