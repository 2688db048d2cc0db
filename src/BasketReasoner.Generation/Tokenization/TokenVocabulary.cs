using System.Text;

namespace BasketReasoner.Generation.Tokenization;

/// <summary>
/// The bytes each token id stands for, which special tokens exist and which ids end generation. Constraints,
/// stop strings and streaming work on these bytes rather than on the tokenizer's own decoder, so a token that is
/// half of a UTF-8 character is handled exactly.
/// </summary>
internal sealed class TokenVocabulary
{
    private readonly byte[][] _bytes;
    private readonly bool[] _special;
    private readonly int[] _singleByteToken;

    /// <param name="tokenBytes">Bytes per id; special tokens carry their literal text (never produced by constraints).</param>
    /// <param name="special">Whether an id is a special (added) token.</param>
    /// <param name="endTokenIds">Ids that end generation, first one preferred.</param>
    public TokenVocabulary(byte[][] tokenBytes, bool[] special, IReadOnlyList<int> endTokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenBytes);
        ArgumentNullException.ThrowIfNull(special);
        if (tokenBytes.Length != special.Length)
        {
            throw new ArgumentException("tokenBytes and special must have the same length.");
        }

        if (endTokenIds.Count == 0)
        {
            throw new ArgumentException("At least one end token id is needed.", nameof(endTokenIds));
        }

        _bytes = tokenBytes;
        _special = special;
        EndTokenIds = endTokenIds.ToArray();
        foreach (var id in EndTokenIds)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)tokenBytes.Length, nameof(endTokenIds));
        }

        _singleByteToken = new int[256];
        Array.Fill(_singleByteToken, -1);
        int longest = 1;
        for (int id = 0; id < tokenBytes.Length; id++)
        {
            if (special[id])
            {
                continue;
            }

            longest = Math.Max(longest, tokenBytes[id].Length);
            if (tokenBytes[id].Length == 1 && _singleByteToken[tokenBytes[id][0]] < 0)
            {
                _singleByteToken[tokenBytes[id][0]] = id;
            }
        }

        LongestToken = longest;
    }

    public int Count => _bytes.Length;

    public int[] EndTokenIds { get; }

    public int PreferredEndToken => EndTokenIds[0];

    public int LongestToken { get; }

    public ReadOnlySpan<byte> BytesOf(int id) => _bytes[id];

    public bool IsSpecial(int id) => _special[id];

    public bool IsEnd(int id) => Array.IndexOf(EndTokenIds, id) >= 0;

    /// <summary>
    /// Token ids spelling <paramref name="text"/> by longest byte match over non-special tokens. Not the canonical
    /// BPE split, but always exactly those bytes: used to force a completion under a constraint.
    /// </summary>
    /// <exception cref="InvalidOperationException">A byte has no token (a vocabulary without byte fallback).</exception>
    public int[] EncodeGreedy(string text) => EncodeGreedy(Encoding.UTF8.GetBytes(text));

    /// <inheritdoc cref="EncodeGreedy(string)"/>
    public int[] EncodeGreedy(byte[] bytes)
    {
        var ids = new List<int>(bytes.Length);
        int i = 0;
        while (i < bytes.Length)
        {
            int best = -1, bestLength = 0;
            for (int id = 0; id < _bytes.Length; id++)
            {
                var b = _bytes[id];
                if (!_special[id] && b.Length > bestLength && b.Length <= bytes.Length - i && bytes.AsSpan(i, b.Length).SequenceEqual(b))
                {
                    best = id;
                    bestLength = b.Length;
                }
            }

            if (best < 0)
            {
                throw new InvalidOperationException($"No token spells byte 0x{bytes[i]:X2}.");
            }

            ids.Add(best);
            i += bestLength;
        }

        return ids.ToArray();
    }
}
