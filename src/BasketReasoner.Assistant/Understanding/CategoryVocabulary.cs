using System.Text.RegularExpressions;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>A word or phrase a shopper uses for a set of coarse categories ("apples", "paprika", "drinks").</summary>
internal sealed record CategoryAlias(string Phrase, IReadOnlySet<string> Categories, bool IsGroup);

/// <summary>
/// The shopper's words for the catalog's coarse categories: each category's own name (singular and plural), the
/// everyday Swedish word, a few English synonyms, and group words (drinks, dairy, fruit, vegetables). A category
/// word names every variety of it: "the apples" are all the apple lines. Matched longest phrase first, so "oat
/// milk" is the oat drink, not the milk; words of five letters or more also match with one edit (typos).
/// </summary>
internal sealed class CategoryVocabulary
{
    // Everyday words by coarse category (the catalog's names are English ids): Swedish and common English variants.
    private static readonly Dictionary<string, string[]> Extra = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apple"] = ["äpple", "äpplen", "äpplena"], ["Pear"] = ["päron"], ["Melon"] = ["meloner", "melonen"],
        ["Pepper"] = ["paprika", "paprikor", "bell pepper", "bell peppers", "capsicum", "peppar"],
        ["Potato"] = ["potatis", "potatoes", "spuds", "potatisar", "potatisen", "potatisarna"], ["Tomato"] = ["tomat", "tomater", "tomaten", "tomaterna", "tomatoes"],
        ["Juice"] = ["juicer", "jos"], ["Milk"] = ["mjölk", "mjölken", "mellanmjölk", "standardmjölk", "lättmjölk"],
        ["Yoghurt"] = ["yogurt", "yogurts", "yoghurts", "yoghurten"], ["Soyghurt"] = ["soy yoghurt", "soy yogurt", "sojayoghurt"],
        ["Oatghurt"] = ["oat yoghurt", "oat yogurt", "havregurt"], ["Oat-Milk"] = ["oat drink", "oat milk", "havredryck", "havremjölk"],
        ["Soy-Milk"] = ["soy drink", "soya drink", "soy milk", "soya milk", "sojadryck", "sojamjölk"],
        ["Sour-Milk"] = ["filmjölk", "sour milk"], ["Sour-Cream"] = ["gräddfil", "sour cream", "creme fraiche"],
        ["Banana"] = ["banan", "bananer", "bananen", "bananerna"], ["Onion"] = ["lök", "gul lök", "onions"], ["Carrots"] = ["carrot", "morot", "morötter"],
        ["Mushroom"] = ["svamp", "champinjoner", "mushrooms"], ["Lemon"] = ["citron", "citroner", "citronen", "citronerna"], ["Lime"] = ["lime", "limes"],
        ["Orange"] = ["apelsin", "apelsiner", "apelsinen", "apelsinerna", "oranges"], ["Cucumber"] = ["gurka", "gurkor", "gurkan", "gurkorna", "cucumbers"], ["Garlic"] = ["vitlök"],
        ["Avocado"] = ["avokado", "avocados"], ["Kiwi"] = ["kiwis", "kiwifrukt"], ["Zucchini"] = ["squash", "courgette", "courgettes", "zucchinis"],
        ["Aubergine"] = ["eggplant", "äggplanta", "aubergines"], ["Cabbage"] = ["kål", "vitkål"], ["Leek"] = ["purjolök", "leeks"],
        ["Ginger"] = ["ingefära"], ["Asparagus"] = ["sparris"], ["Red-Beet"] = ["rödbeta", "rödbetor", "beetroot", "beets", "beet"],
        ["Mango"] = ["mangos", "mangoes"], ["Pineapple"] = ["ananas", "pineapples"], ["Plum"] = ["plommon", "plums"],
        ["Peach"] = ["persika", "persikor", "peaches"], ["Nectarine"] = ["nektarin", "nektariner", "nectarines"],
        ["Papaya"] = ["papayas"], ["Pomegranate"] = ["granatäpple", "pomegranates"], ["Passion-Fruit"] = ["passionsfrukt", "passion fruits"],
        ["Red-Grapefruit"] = ["grapefrukt", "grapefruit", "grapefruits"], ["Satsumas"] = ["satsuma", "clementines", "mandarins", "mandariner"],
    };

    private static readonly (string[] Phrases, string[] Categories)[] Groups =
    [
        (["drinks", "beverages", "drycker"], ["Juice", "Milk", "Oat-Milk", "Soy-Milk", "Sour-Milk"]),
        (["dairy", "dairy products", "mejeri", "mejeriprodukter"], ["Milk", "Sour-Milk", "Sour-Cream", "Yoghurt"]),
        (["citrus", "citrus fruit", "citrus fruits", "citrusfrukt"], ["Orange", "Lemon", "Lime", "Red-Grapefruit", "Satsumas"]),
        (["milk alternative", "milk alternatives", "dairy alternative", "dairy alternatives", "plant milk", "plant milks", "plant drink", "plant drinks", "mjölkalternativ", "växtdryck", "växtdrycker"], ["Oat-Milk", "Soy-Milk"]),
    ];

    private static readonly string[] FruitWords = ["fruit", "fruits", "frukt", "frukter"];
    private static readonly string[] VegetableWords = ["vegetables", "vegetable", "veggies", "veggie", "veg", "grönsaker"];

    /// <summary>Whether <paramref name="alias"/> is a group word for all the fruit or all the vegetables, not a narrower group ("citrus").</summary>
    public static bool IsTopGroup(CategoryAlias alias) => alias.IsGroup && (FruitWords.Contains(alias.Phrase) || VegetableWords.Contains(alias.Phrase));

    private readonly List<CategoryAlias> _aliases = [];
    private readonly HashSet<string> _brands = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nameWords = new(StringComparer.Ordinal);

    public CategoryVocabulary(ProductCatalog catalog)
    {
        foreach (var p in catalog.Products)
        {
            foreach (var w in (p.Brand ?? string.Empty).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                _brands.Add(w);
            }

            // Name words that describe a kind ("semi skimmed", "mellanmjölk"), not the attributes themselves.
            foreach (var w in System.Text.RegularExpressions.Regex.Split($"{p.ShopperName} {p.DisplayName} {p.PackName}".ToLowerInvariant(), @"[^\p{L}]+"))
            {
                if (w.Length >= 3 && w is not ("organic" or "ecological" or "ekologisk" or "lactose" or "free" or "laktosfri" or "the" or "and" or "with" or "from" or "for"))
                {
                    _nameWords.Add(w);
                }
            }
        }

        var categories = catalog.Products.Select(p => p.CoarseCategory).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var c in categories)
        {
            var name = c.Replace('-', ' ').ToLowerInvariant();
            var set = new HashSet<string>(StringComparer.Ordinal) { c };
            foreach (var phrase in new[] { name, Plural(name) }.Concat(Extra.GetValueOrDefault(c) ?? []))
            {
                _aliases.Add(new CategoryAlias(phrase.ToLowerInvariant(), set, false));
            }
        }

        foreach (var top in catalog.Products.Select(p => p.TopCategory).Distinct(StringComparer.Ordinal).Where(t => t is "Fruit" or "Vegetables"))
        {
            var set = catalog.Products.Where(p => p.TopCategory == top).Select(p => p.CoarseCategory).ToHashSet(StringComparer.Ordinal);
            var words = top == "Fruit" ? FruitWords : VegetableWords;
            _aliases.AddRange(words.Select(w => new CategoryAlias(w, set, true)));
        }

        foreach (var (phrases, cats) in Groups)
        {
            var set = cats.Where(categories.Contains).ToHashSet(StringComparer.Ordinal);
            _aliases.AddRange(phrases.Select(p => new CategoryAlias(p, set, true)));
        }

        // "My yoghurt" is a soy or oat yoghurt too: the general word covers all three; "soy yoghurt" stays narrow.
        var yoghurts = new[] { "Yoghurt", "Soyghurt", "Oatghurt" }.Where(categories.Contains).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < _aliases.Count; i++)
        {
            if (_aliases[i].Phrase is "yoghurt" or "yoghurts" or "yogurt" or "yogurts" or "yoghurten" && !_aliases[i].IsGroup)
            {
                _aliases[i] = _aliases[i] with { Categories = yoghurts };
            }
        }

        // Longest first: "oat milk" before "milk".
        _aliases.Sort((a, b) => b.Phrase.Split(' ').Length.CompareTo(a.Phrase.Split(' ').Length));
    }

    public IReadOnlyList<CategoryAlias> Aliases => _aliases;

    /// <summary>The aliases found in <paramref name="words"/>, each with the word positions it covers; covered words are consumed.</summary>
    public List<(CategoryAlias Alias, int Start, int Length)> Find(IReadOnlyList<string> words)
    {
        var used = new bool[words.Count];
        var found = new List<(CategoryAlias, int, int)>();
        foreach (var alias in _aliases)
        {
            var parts = alias.Phrase.Split(' ');
            for (var i = 0; i + parts.Length <= words.Count; i++)
            {
                var ok = true;
                for (var k = 0; k < parts.Length && ok; k++)
                {
                    // Group words match exactly: "drinks" must not catch the verb "drink".
                    ok = !used[i + k] && (alias.IsGroup ? words[i + k] == parts[k] : Same(words[i + k], parts[k]));
                }

                if (ok)
                {
                    for (var k = 0; k < parts.Length; k++)
                    {
                        used[i + k] = true;
                    }

                    found.Add((alias, i, parts.Length));
                }
            }
        }

        return found;
    }

    /// <summary>The question without its multi-word product phrases ("soy yoghurt", "oat milk"): what is left asks.</summary>
    public string WithoutProductPhrases(string question)
    {
        var text = question.ToLowerInvariant();
        foreach (var alias in _aliases.Where(a => !a.IsGroup && a.Phrase.Contains(' ', StringComparison.Ordinal)))
        {
            text = Regex.Replace(text, $@"\b{Regex.Escape(alias.Phrase)}s?\b", " ", RegexOptions.CultureInvariant);
        }

        return text;
    }

    /// <summary>The words of the multi-word product phrases in <paramref name="question"/> ("soy" and "yoghurt" of "soy yoghurt").</summary>
    public IReadOnlySet<string> ProductPhraseWords(string question)
    {
        var text = question.ToLowerInvariant();
        var words = _aliases.Where(a => !a.IsGroup && a.Phrase.Contains(' ', StringComparison.Ordinal) && Regex.IsMatch(text, $@"\b{Regex.Escape(a.Phrase)}s?\b", RegexOptions.CultureInvariant))
            .SelectMany(a => a.Phrase.Split(' '))
            .ToHashSet(StringComparer.Ordinal);
        // "Arla lactose-free milk": an "X-free" in front of a product word is part of the product's name.
        foreach (Match m in Regex.Matches(text, @"\b(\p{L}+)[- ]free\s+(\p{L}{3,})", RegexOptions.CultureInvariant))
        {
            if (IsCategoryWord(m.Groups[2].Value))
            {
                words.Add(m.Groups[1].Value);
            }
        }

        return words;
    }

    /// <summary>True when <paramref name="word"/> names products: a category word or a brand ("organic gräddfil", "organic arla milk").</summary>
    public bool IsProductWord(string word) => _brands.Contains(word.ToLowerInvariant()) || _nameWords.Contains(word.ToLowerInvariant()) || IsCategoryWord(word.ToLowerInvariant());

    /// <summary>True when <paramref name="word"/> is one of the vocabulary's words (exactly or within one edit).</summary>
    public bool IsCategoryWord(string word) => _aliases.Any(a => a.Phrase.Split(' ').Any(p => Same(word, p)));

    internal static bool Same(string word, string alias) =>
        word == alias || (word.Length >= 5 && alias.Length >= 5 && word[0] == alias[0] && EditDistanceAtMostOne(word, alias));

    private static string Plural(string name) =>
        name.EndsWith('s') ? name : name.EndsWith('o') ? name + "es" : name.EndsWith('y') ? name[..^1] + "ies" : name + "s";

    // Damerau: one insertion, deletion, substitution or adjacent swap.
    private static bool EditDistanceAtMostOne(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == a.Length || i == b.Length)
        {
            return true;
        }

        if (a.Length == b.Length)
        {
            return a[(i + 1)..] == b[(i + 1)..] || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..] == b[(i + 2)..]);
        }

        return a.Length > b.Length ? a[(i + 1)..] == b[i..] : a[i..] == b[(i + 1)..];
    }
}
