using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BasketReasoner.Generation.Model;
using Microsoft.ML.Tokenizers;

namespace BasketReasoner.Generation.Tokenization;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> with a byte-level BPE model, loaded into Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/>: GPT-2 pre-tokenisation, the vocab and merges, and the <c>added_tokens</c> as special
/// tokens that are matched whole and never split. Decoding goes through <see cref="Vocabulary"/>'s bytes.
/// Thread-safe for encoding.
/// </summary>
public sealed class ModelTokenizer
{
    // GPT-2's pre-tokenisation pattern (what the ByteLevel pre-tokenizer with use_regex applies).
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly BpeTokenizer _bpe;

    private ModelTokenizer(BpeTokenizer bpe, TokenVocabulary vocabulary, IReadOnlyDictionary<string, int> special)
    {
        _bpe = bpe;
        Vocabulary = vocabulary;
        SpecialTokens = special;
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

        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            SpecialTokens = special,
            PreTokenizer = new RegexPreTokenizer(new Regex(Gpt2Pattern, RegexOptions.Compiled), special),
            ByteLevel = true,
        };
        var bpe = BpeTokenizer.Create(options);
        return new ModelTokenizer(bpe, new TokenVocabulary(bytes, isSpecial, endTokenIds), special);
    }

    /// <summary>Token ids of <paramref name="text"/>; special-token strings map to their single id.</summary>
    public int[] Encode(string text) => _bpe.EncodeToIds(text).ToArray();

    /// <summary>Text of <paramref name="ids"/>, special tokens included as their literal strings.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids) bytes.AddRange(Vocabulary.BytesOf(id).ToArray());
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
