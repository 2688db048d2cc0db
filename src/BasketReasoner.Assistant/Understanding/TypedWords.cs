using System.Text;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Reads text as shoppers type it on a touchscreen before anything else reads it: chat shorthand ("u", "r", "wat",
/// "enuf"), words run together by a missed space ("howmuch", "inmy", "priceper") and slips in the words that carry the
/// question ("organnic", "evrything", "befors"). A word is only changed when it is unknown: every word of the catalog
/// (names, brands, categories, descriptions), of the question lexicon and of everyday English stays as typed, and
/// product-name typos are left to the product matcher.
/// </summary>
internal sealed partial class TypedWords
{
    private static readonly Dictionary<string, string> s_shorthand = new(StringComparer.OrdinalIgnoreCase)
    {
        ["u"] = "you", ["ya"] = "you", ["ur"] = "your", ["yr"] = "your", ["r"] = "are", ["wat"] = "what", ["wut"] = "what", ["wot"] = "what",
        ["hw"] = "how", ["hwo"] = "how", ["wich"] = "which", ["whch"] = "which", ["n"] = "and", ["enuf"] = "enough", ["enuff"] = "enough",
        ["evrything"] = "everything", ["everyting"] = "everything", ["smth"] = "something", ["sth"] = "something", ["abt"] = "about",
        ["cuz"] = "because", ["coz"] = "because", ["bc"] = "because", ["rn"] = "right now", ["tot"] = "total", ["ttl"] = "total",
        ["gimme"] = "give me", ["wanna"] = "want to", ["gonna"] = "going to", ["dunno"] = "don't know", ["im"] = "i'm",
        ["dont"] = "don't", ["doesnt"] = "doesn't", ["isnt"] = "isn't", ["arent"] = "aren't", ["cant"] = "can't", ["hows"] = "how is",
        ["thru"] = "through", ["pls"] = "please", ["plz"] = "please", ["thx"] = "thanks", ["ty"] = "thanks", ["w/o"] = "without",
        ["teh"] = "the", ["hte"] = "the", ["tehre"] = "there", ["thier"] = "their", ["waht"] = "what", ["whta"] = "what", ["hwat"] = "what",
        ["soo"] = "so", ["sooo"] = "so", ["wear"] = "where", ["iz"] = "is", ["da"] = "the", ["tha"] = "the", ["dis"] = "this", ["dat"] = "that",
        ["hav"] = "have", ["hv"] = "have", ["wats"] = "what's", ["whats"] = "what's", ["cud"] = "could", ["shud"] = "should",
        ["kilogram"] = "kilo", ["kgs"] = "kg", ["grms"] = "grams", ["gr"] = "grams", ["ltr"] = "litre", ["ltrs"] = "litres",
    };

    // The words that carry a question: a slip in one of them loses the question, so these are corrected when close.
    private static readonly string[] s_keywords =
    [
        "organic", "ekologisk", "ecological", "everything", "anything", "something", "budget", "before", "cheaper", "cheapest",
        "expensive", "lactose", "laktosfri", "gluten", "vegan", "allergy", "allergic", "allergens", "basket", "total", "enough",
        "price", "prices", "kilo", "grams", "litre", "liter", "weigh", "weight", "heavy", "origin", "ingredients", "contain",
        "contains", "together", "protein", "calories", "which", "plant", "based", "much", "cost", "costs", "what", "where",
        "sell", "have", "trolley", "cart", "alternative", "percent", "fat", "country", "brand", "store", "shop", "instead",
        "difference", "compare", "intolerant", "dairy", "milk", "yoghurt", "juice", "items", "products", "different", "many",
        "remove", "delete", "cancel", "refund", "discount", "override", "coupon", "voucher",
    ];

    private static readonly string[] s_everyday =
    [
        "a", "i", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "from", "with", "without", "by", "about",
        "as", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "done", "have", "has", "had", "can", "could", "will",
        "would", "should", "shall", "may", "might", "must", "my", "me", "mine", "you", "your", "yours", "he", "she", "him", "her", "it",
        "its", "we", "us", "our", "they", "them", "their", "this", "that", "these", "those", "there", "here", "what", "whats", "which",
        "who", "whom", "whose", "when", "where", "wheres", "why", "how", "much", "many", "more", "most", "less", "least", "few", "all",
        "any", "some", "each", "every", "both", "either", "neither", "no", "not", "yes", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "half", "first", "last", "next", "other", "another", "same", "than", "then", "so", "too",
        "very", "just", "only", "also", "still", "already", "yet", "now", "again", "please", "thanks", "thank", "hi", "hey", "hello",
        "ok", "okay", "get", "got", "give", "put", "take", "took", "buy", "bought", "pay", "paying", "cost", "costs", "come", "comes",
        "coming", "go", "going", "want", "need", "like", "know", "tell", "say", "said", "see", "look", "find", "make", "made", "keep",
        "cart", "basket", "item", "items", "thing", "things", "stuff", "shop", "store", "price", "kilo", "kg", "gram", "grams", "litre",
        "liter", "per", "each", "total", "kid", "kids", "child", "daughter", "son", "wife", "husband", "friend", "doctor", "today",
        "allergy", "allergic", "safe", "free", "contain", "contains", "weigh", "weight", "heavy", "big", "small", "cheap", "cheaper",
        "cheapest", "expensive", "dear", "organic", "vegan", "plant", "based", "lactose", "gluten", "soy", "nuts", "eggs", "fish",
        "right", "left", "off", "out", "up", "down", "over", "under", "after", "into", "onto", "much", "enough", "together", "whole",
        "ones", "kind", "kinds", "sort", "type", "brand", "origin", "country", "from", "grown", "fat", "percent", "volume", "size",
        "money", "budget", "card", "cash", "receipt", "bill", "till", "lol", "pls", "plz", "guys", "ppl", "people", "ask", "asking",
        "sure", "maybe", "really", "actually", "quick", "question", "sorry", "excuse", "pardon", "sir", "madam", "dear", "eat", "drink",
        "have", "having", "has", "use", "used", "bring", "brought", "spend", "spent", "left", "remaining", "would", "cover",
        "another", "nothing", "within", "however", "anyone", "someone", "everyone", "cannot", "tonight", "whatever", "wherever",
        "everybody", "somebody", "anybody", "myself", "yourself", "without", "inside", "outside", "today", "tomorrow",
        "vart", "var", "vad", "hur", "mycket", "kostar", "har", "det", "finns", "mitt", "min", "mina", "barn", "och", "eller",
        "inte", "kan", "jag", "vi", "ni", "säljer", "ifrån", "från", "kommer", "vilken", "vilka", "olika", "varor", "många",
        "billigast", "dyrast", "tack", "hej", "snälla", "ingefära", "och", "lite", "bra", "dotter", "son", "fru", "man",
        "later", "water", "bottle", "liters", "litres", "avoid", "allowed", "looking", "wondering", "trying", "thinking", "buying", "getting", "checking", "shopping", "friend",
        "coeliac", "celiac", "intolerance", "intolerant", "pregnant", "diet", "healthy", "fresh", "ripe", "frozen", "cheers",
        "mean", "meant", "means", "sorry", "oops", "wait", "actually",
    ];

    // A split must not make a request out of an ordinary word ("avoid" is not "a void", "scandal" not "scan dal").
    private static readonly HashSet<string> s_neverPieces = new(StringComparer.Ordinal)
    {
        "void", "add", "put", "drop", "scan", "clear", "empty", "cancel", "remove", "delete", "place", "undo", "swap", "refund",
        "free", "pay", "set", "take", "return", "replace", "ignore", "system", "admin",
    };

    private static readonly HashSet<string> s_short = new(s_everyday.Where(w => w.Length <= 3), StringComparer.Ordinal);
    private readonly HashSet<string> _known;
    private readonly string[] _productWords;
    private const int MaxRemembered = 20_000;
    private readonly Dictionary<string, string> _corrections = new(StringComparer.Ordinal);

    public TypedWords(ProductCatalog catalog, CategoryVocabulary vocabulary, IEnumerable<string> lexiconPatterns)
    {
        _known = new HashSet<string>(StringComparer.Ordinal);
        void AddWords(string? text)
        {
            if (text is null)
            {
                return;
            }

            foreach (Match m in Letters().Matches(text.ToLowerInvariant()))
            {
                _known.Add(m.Value);
            }
        }

        foreach (var p in catalog.Products)
        {
            AddWords(string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.PackName, p.Brand, p.CoarseCategory.Replace('-', ' '),
                p.TopCategory, p.Description, p.Attributes.Origin, p.Attributes.Flavour));
        }

        foreach (var alias in vocabulary.Aliases)
        {
            AddWords(alias.Phrase);
        }

        // Product-name words, kept apart: a slip in one ("apeelsin", "tomatos") is the product matcher's to read.
        _productWords = catalog.Products
            .SelectMany(p => Letters().Matches(string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.PackName, p.Brand, p.CoarseCategory.Replace('-', ' ')).ToLowerInvariant()).Select(m => m.Value))
            .Concat(vocabulary.Aliases.SelectMany(a => a.Phrase.Split(' ')))
            .Where(w => w.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        // The lexicon's literal words; regex syntax leaves one- and two-letter fragments ("w", "ch") that are not words.
        foreach (var pattern in lexiconPatterns)
        {
            foreach (Match m in Letters().Matches(pattern.ToLowerInvariant()))
            {
                if (m.Length >= 4)
                {
                    _known.Add(m.Value);
                }
            }
        }

        foreach (var w in s_everyday.Concat(s_keywords).Concat(IntentLexicon.Stopwords))
        {
            AddWords(w);
        }
    }

    /// <summary><paramref name="question"/> with shorthand expanded, run-together words split and slipped keywords corrected.</summary>
    public string Normalize(string question)
    {
        var tokens = Token().Matches(question);
        var sb = new StringBuilder(question.Length + 8);
        var last = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var m = tokens[i];
            sb.Append(question, last, m.Index - last);
            if (Joined(question, tokens, i) is { } joined)
            {
                sb.Append(joined.Word);
                last = tokens[i + joined.Count - 1].Index + tokens[i + joined.Count - 1].Length;
                i += joined.Count - 1;
                continue;
            }

            sb.Append(Read(m.Value));
            last = m.Index + m.Length;
        }

        sb.Append(question, last, question.Length - last);
        return sb.ToString();
    }

    // A word a speech recogniser split in two or three ("glue ten", "or ganic", "al pro", "tropic anna", "pine apple"):
    // the pieces are next to each other, one of them is no known word, and together they are a question keyword or a
    // product-name word, or one slip from one.
    private (string Word, int Count)? Joined(string text, MatchCollection tokens, int i)
    {
        for (var count = 3; count >= 2; count--)
        {
            if (i + count > tokens.Count)
            {
                continue;
            }

            var pieces = new List<string>(count);
            var adjacent = true;
            for (var k = 0; k < count; k++)
            {
                var t = tokens[i + k];
                if (k > 0)
                {
                    var prev = tokens[i + k - 1];
                    adjacent &= t.Index == prev.Index + prev.Length + 1 && text[prev.Index + prev.Length] == ' ';
                }

                pieces.Add(t.Value.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal));
            }

            var merged = string.Concat(pieces);
            // Every piece is a syllable or more ("how many l" keeps its "l"), and the word they make is none of them.
            // A piece that already names a product ("aples in") stays itself.
            if (!adjacent || merged.Length < 5 || pieces.Any(p => p.Length < 2) || pieces.All(p => Known(p) || s_shorthand.ContainsKey(p))
                || pieces.Any(p => p.Length >= 4 && NearProductWord(p)))
            {
                continue;
            }

            if (s_keywords.Contains(merged, StringComparer.Ordinal) || _productWords.Contains(merged, StringComparer.Ordinal))
            {
                return (merged, count);
            }

            if (Corrected(merged) is { } keyword && Distance(merged, keyword) == 1 && !pieces.Contains(keyword))
            {
                return (keyword, count);
            }

            if (NearestProductWord(merged, 1) is { } word)
            {
                return (word, count);
            }
        }

        return null;
    }

    private string Read(string token)
    {
        if (s_shorthand.TryGetValue(token, out var expanded))
        {
            return expanded;
        }

        var lower = token.ToLowerInvariant();
        if (token.Length < 4 || token.Contains('\'') || Known(lower))
        {
            return token;
        }

        lock (_corrections)
        {
            if (_corrections.TryGetValue(lower, out var cached))
            {
                return cached.Length == 0 ? token : cached;
            }
        }

        // A key held too long ("thhe", "kkilo", "pllease"): one letter of a double dropped makes a known word. A product
        // name held too long ("peaaches") is the product matcher's to read, like any slip in one.
        if (Undoubled(lower) is { } single)
        {
            return single;
        }

        // One slip from a keyword reads as it ("befors" is "before", not "be fors"); else a missed space; else a longer slip.
        // A slip in a question keyword reads as it ("organnic", "befors"); a word near a product name is the product
        // matcher's to read ("apeelsin"); else a missed space ("howmuch", "inmy").
        var read = Corrected(lower) ?? (NearProductWord(lower) ? null : Split(lower, 0)) ?? string.Empty;
        lock (_corrections)
        {
            // Bounded: a long-running server reading made-up words must not grow without end.
            if (_corrections.Count >= MaxRemembered)
            {
                _corrections.Clear();
            }

            _corrections[lower] = read;
        }

        return read.Length == 0 ? token : read;
    }

    // A plural of a known word counts ("bananas"), not of a short one ("fors" is not "for" + s).
    private bool Known(string w) =>
        _known.Contains(w) || (w.Length >= 5 && w.EndsWith('s') && _known.Contains(w[..^1])) || (w.Length >= 6 && w.EndsWith("es", StringComparison.Ordinal) && _known.Contains(w[..^2]));

    /// <summary>True when <paramref name="w"/> is a product-name word or one slip from one ("trpoicana", "sorued"); two for long words.</summary>
    public bool NearProductWord(string w) => NearestProductWord(w, w.Length >= 7 ? 2 : 1) is not null;

    private string? NearestProductWord(string w, int limit)
    {
        foreach (var p in _productWords)
        {
            if (Math.Abs(p.Length - w.Length) <= limit && Distance(w, p) <= limit)
            {
                return p;
            }
        }

        return null;
    }

    // "howmuch" -> "how much", "baskettogether" -> "basket together", "howmuchis" -> "how much is": both sides known
    // (a side may also be a slipped keyword), the split with the longest shorter side first.
    private string? Split(string w, int depth)
    {
        string? best = null;
        var bestScore = 0;
        for (var i = 1; i < w.Length; i++)
        {
            var (a, b) = (w[..i], w[i..]);
            // A short piece must be an everyday word ("in", "my", "the"): "look" + "ing" is no split.
            if (a.Length == 1 || b.Length == 1 || (a.Length <= 3 && !s_short.Contains(a)) || (b.Length <= 3 && !s_short.Contains(b))
                || s_neverPieces.Contains(a) || s_neverPieces.Contains(b))
            {
                continue;
            }

            var left = Known(a) ? a : a.Length >= 5 ? Corrected(a) : null;
            if (left is null)
            {
                continue;
            }

            var right = Known(b) ? b : depth == 0 && b.Length >= 4 ? Split(b, 1) ?? (b.Length >= 5 ? Corrected(b) : null) : null;
            if (right is null)
            {
                continue;
            }

            var score = Math.Min(a.Length, b.Length) * 2 + (Known(a) ? 1 : 0) + (Known(b) ? 1 : 0);
            if (score > bestScore)
            {
                (best, bestScore) = ($"{left} {right}", score);
            }
        }

        return best;
    }

    // The keyword one slip away (two for long words): a swapped, missing, extra or wrong letter. Null when none or two
    // keywords are equally close.
    private static string? Corrected(string w)
    {
        var limit = w.Length >= 7 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var k in s_keywords)
        {
            // "removed", "discounted", "prices": a keyword's own inflection is a word, not a slip.
            if (IsInflection(w, k))
            {
                return null;
            }

            if (Math.Abs(k.Length - w.Length) > limit || k.Length < 4)
            {
                continue;
            }

            var d = Distance(w, k);
            if (d < bestDistance)
            {
                (best, bestDistance, tie) = (k, d, false);
            }
            else if (d == bestDistance && k != best)
            {
                tie = true;
            }
        }

        return bestDistance <= limit && !tie ? best : null;
    }

    private string? Undoubled(string w)
    {
        for (var i = 0; i + 1 < w.Length; i++)
        {
            if (w[i] == w[i + 1])
            {
                var candidate = w.Remove(i, 1);
                if (Known(candidate) && !_productWords.Contains(candidate, StringComparer.Ordinal))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsInflection(string w, string k) =>
        w.Length > k.Length && w.StartsWith(k, StringComparison.Ordinal) && w[k.Length..] is "s" or "d" or "ed" or "es" or "ing" or "er" or "ers" or "ly"
        || (k.EndsWith('e') && w.Length >= k.Length && w.StartsWith(k[..^1], StringComparison.Ordinal) && w[(k.Length - 1)..] is "ing" or "ed" or "er" or "ers");

    // Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), on the stack for short words.
    private static int Distance(string a, string b)
    {
        if (a.Length > 32 || b.Length > 32)
        {
            return int.MaxValue;
        }

        Span<int> prev2 = stackalloc int[b.Length + 1];
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    cur[j] = Math.Min(cur[j], prev2[j - 2] + 1);
                }
            }

            prev.CopyTo(prev2);
            cur.CopyTo(prev);
        }

        return prev[b.Length];
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Letters();

    // A typed word: letters, with an inner apostrophe or "w/o".
    [GeneratedRegex(@"(?<![\p{L}\d])(?:w/o|\p{L}+(?:'\p{L}+)?)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
