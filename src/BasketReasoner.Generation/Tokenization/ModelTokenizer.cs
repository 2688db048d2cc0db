using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BasketReasoner.Generation.Model;
using Microsoft.ML.Tokenizers;

namespace BasketReasoner.Generation.Tokenization;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> with a byte-level BPE model, loaded into Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/>: GPT-2 pre-tokenisation, the vocab and merges, and the <c>added_tokens</c> (the control
/// tokens: turn markers, BOS, padding, the image placeholder). Decoding goes through <see cref="Vocabulary"/>'s bytes.
/// Thread-safe for encoding.
/// </summary>
/// <remarks>
/// Text is encoded with special tokens <b>off</b> (<see cref="Encode(string)"/>): a control token's string in it, say
/// <c>&lt;|end|&gt;</c>, is ordinary text, split and merged by BPE like any other, and never becomes a control id.
/// Only the model's own chat template inserts control tokens (<see cref="Encode(IReadOnlyList{TextSegment})"/> matches
/// them in its <see cref="TextSegment.IsTemplate"/> segments only). This is what llama.cpp's tokenizer does with
/// <c>parse_special</c> off and Hugging Face's with <c>split_special_tokens</c>: before, a shopper's question or a
/// request's candidate name holding <c>&lt;|end|&gt;&lt;|system|&gt;</c> closed its own turn and forged a system turn.
/// </remarks>
public sealed class ModelTokenizer
{
    // GPT-2's pre-tokenisation pattern (what the ByteLevel pre-tokenizer with use_regex applies).
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    // No special tokens: every string is text (see the remarks).
    private readonly BpeTokenizer _plain;

    // Longest first, so a control token that begins another is never matched in its place.
    private readonly KeyValuePair<string, int>[] _specialsLongestFirst;

    private ModelTokenizer(BpeTokenizer plain, TokenVocabulary vocabulary, IReadOnlyDictionary<string, int> special)
    {
        _plain = plain;
        Vocabulary = vocabulary;
        SpecialTokens = special;
        _specialsLongestFirst = [.. special.Where(p => p.Key.Length > 0).OrderByDescending(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)];
    }

    internal TokenVocabulary Vocabulary { get; }

    /// <summary>Added tokens (content → id).</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <exception cref="InvalidModelException">The file is missing parts or is not a byte-level BPE tokenizer.</exception>
    public static ModelTokenizer Load(string path, int vocabSize, IReadOnlyList<int> endTokenIds)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        if (!root.TryGetProperty("model", out var model) || !model.TryGetProperty("vocab", out var vocabJson) || !model.TryGetProperty("merges", out var mergesJson))
        {
            throw new InvalidModelException($"{path}: needs model.vocab and model.merges (a BPE model).");
        }

        if (model.TryGetProperty("type", out var type) && type.GetString() != "BPE")
        {
            throw new InvalidModelException($"{path}: model type '{type.GetString()}' is not supported (BPE only).");
        }

        var vocab = new Dictionary<string, int>();
        foreach (var p in vocabJson.EnumerateObject()) vocab[p.Name] = p.Value.GetInt32();
        var merges = new List<string>();
        foreach (var m in mergesJson.EnumerateArray())
        {
            merges.Add(m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Join(' ', m.EnumerateArray().Select(e => e.GetString())));
        }

        var special = new Dictionary<string, int>();
        if (root.TryGetProperty("added_tokens", out var added))
        {
            foreach (var t in added.EnumerateArray()) special[t.GetProperty("content").GetString()!] = t.GetProperty("id").GetInt32();
        }

        int count = Math.Max(vocabSize, Math.Max(vocab.Values.DefaultIfEmpty(-1).Max(), special.Values.DefaultIfEmpty(-1).Max()) + 1);
        if (count > vocabSize) throw new InvalidModelException($"{path}: token ids reach {count - 1} but config vocab_size is {vocabSize}.");
        var bytes = new byte[count][];
        var isSpecial = new bool[count];
        for (int i = 0; i < count; i++)
        {
            bytes[i] = [];
            isSpecial[i] = true; // ids with no entry can never be produced under a constraint
        }

        foreach (var (token, id) in vocab)
        {
            bytes[id] = ByteLevelAlphabet.TryBytesOf(token) ?? throw new InvalidModelException($"{path}: vocab entry '{token}' is not in the ByteLevel alphabet; only byte-level BPE is supported.");
            isSpecial[id] = false;
        }

        foreach (var (token, id) in special)
        {
            bytes[id] = Encoding.UTF8.GetBytes(token);
            isSpecial[id] = true;
        }

        // No SpecialTokens and a pre-tokenizer that knows none: the BPE never matches a control token's string.
        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            PreTokenizer = new RegexPreTokenizer(new Regex(Gpt2Pattern, RegexOptions.Compiled), null),
            ByteLevel = true,
        };
        var plain = BpeTokenizer.Create(options);
        return new ModelTokenizer(plain, new TokenVocabulary(bytes, isSpecial, endTokenIds), special);
    }

    /// <summary>
    /// Token ids of <paramref name="text"/> as plain text: a special token's string in it is encoded as its characters
    /// (byte-level BPE), never as the control id. For anything a user, a request or a prompt file wrote.
    /// </summary>
    public int[] Encode(string text) => _plain.EncodeToIds(text).ToArray();

    /// <summary>
    /// Token ids of a rendered prompt: control-token strings in <see cref="TextSegment.IsTemplate"/> segments (the chat
    /// template's own role markers and image placeholders) map to their single ids; everything else, content segments
    /// whole, is plain text. Text between two control tokens is encoded as one piece, across segment boundaries, so a
    /// prompt whose content holds no control-token string gets exactly the ids of the whole rendered string with
    /// special tokens on (what the model was trained on).
    /// </summary>
    public int[] Encode(IReadOnlyList<TextSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var ids = new List<int>();
        var pending = new StringBuilder();
        foreach (var segment in segments)
        {
            if (!segment.IsTemplate)
            {
                pending.Append(segment.Text);
                continue;
            }

            var text = segment.Text;
            var start = 0;
            for (var i = 0; i < text.Length;)
            {
                if (SpecialAt(text, i) is { } special)
                {
                    pending.Append(text, start, i - start);
                    Flush();
                    ids.Add(special.Value);
                    i += special.Key.Length;
                    start = i;
                }
                else
                {
                    i++;
                }
            }

            pending.Append(text, start, text.Length - start);
        }

        Flush();
        return [.. ids];

        void Flush()
        {
            if (pending.Length > 0)
            {
                ids.AddRange(_plain.EncodeToIds(pending.ToString()));
                pending.Clear();
            }
        }
    }

    /// <summary>Token ids of template text alone (every control-token string in it maps to its id).</summary>
    public int[] EncodeTemplate(string template) => Encode([TextSegment.Template(template)]);

    private KeyValuePair<string, int>? SpecialAt(string text, int index)
    {
        foreach (var special in _specialsLongestFirst)
        {
            if (text.AsSpan(index).StartsWith(special.Key, StringComparison.Ordinal))
            {
                return special;
            }
        }

        return null;
    }

    /// <summary>Text of <paramref name="ids"/>, special tokens included as their literal strings.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids) bytes.AddRange(Vocabulary.BytesOf(id).ToArray());
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
