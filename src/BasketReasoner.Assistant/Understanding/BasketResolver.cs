using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>Where a question's product words point.</summary>
internal enum MentionScope
{
    /// <summary>The question names no product or category.</summary>
    None,

    /// <summary>Lines of the shopper's basket (<see cref="Resolution.Targets"/>).</summary>
    Basket,

    /// <summary>Store products that are not in the basket; only for a question not about the basket.</summary>
    Catalog,

    /// <summary>It names something the basket does not hold, and asks about the basket: answered "you have none".</summary>
    NotInBasket,
}

/// <param name="Targets">Product ids (basket lines for <see cref="MentionScope.Basket"/>).</param>
/// <param name="Named">What the shopper called it ("milk", "apples"), for the answer's wording.</param>
/// <param name="ByCategory">Named by a category word, so every variety of it counts.</param>
/// <param name="Group">Named by a group word ("drinks", "fruit"): a filter over the basket, not one product.</param>
internal sealed record Resolution(MentionScope Scope, IReadOnlyList<string> Targets, string Named, bool ByCategory, bool Group);

/// <summary>
/// Resolves a question's product words basket first: a category word ("my milk", "the apples", "paprika") is every
/// basket line of that category; a product's own words (brand, variety) are that product, the basket's one when it
/// holds it. Only a question not about the basket may be answered about a store product outside it; one that is
/// ("is my milk lactose free?" with no milk in the basket) gets "you have none", never another product's facts.
/// Words the vocabulary misses are compared with its phrases in the encoder's space (paraphrases such as
/// "capsicum"), when an encoder is available.
/// </summary>
internal sealed partial class BasketResolver(ProductCatalog catalog, CategoryVocabulary vocabulary, Func<ITextEncoder?> encoder)
{
    /// <summary>Cosine at which an unknown word is taken as a vocabulary phrase. High on purpose: a wrong category is worse than none.</summary>
    internal const double MinAliasSimilarity = 0.80;

    [GeneratedRegex(@"[^\p{L}\p{Nd}%]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    private readonly Lazy<(CategoryAlias Alias, float[] Vector)[]?> _aliasVectors = new(() =>
        encoder() is { } e ? vocabulary.Aliases.Where(a => a.Phrase.All(ch => ch < 128)).Select(a => (a, e.Embed(a.Phrase))).ToArray() : null);

    // Words after which "milk" (or another allergen word) is what a product contains, not a product.
    private static readonly HashSet<string> AllergenLead = new(StringComparer.Ordinal)
    {
        "contain", "contains", "containing", "with", "from", "of", "has", "have", "any", "no", "allergic", "to", "innehåller", "med", "without", "utan", "free",
    };

    private static readonly HashSet<string> AllergenNouns = new(StringComparer.Ordinal) { "milk", "mjölk", "dairy", "soy", "soya", "egg", "eggs", "nuts" };

    public Resolution Resolve(string question, IReadOnlyList<BasketLine> basket, QuestionReading reading, IReadOnlyList<Mention> searched)
    {
        var words = Words(question);
        var basketIds = basket.Select(l => l.Product).Distinct(StringComparer.Ordinal).ToArray();
        var inBasket = new HashSet<string>(basketIds, StringComparer.Ordinal);
        var aboutBasket = reading.BasketScoped || reading.Intent is QuestionIntent.HaveItem or QuestionIntent.CountUnits;

        // Products named by their own words (brand, variety, or their whole name): these words are not category words here.
        var covered = new HashSet<int>();
        var specific = new List<string>();
        var namedBy = new List<(string Id, HashSet<int> At)>();
        foreach (var m in searched.Where(m => m.IsStoreProduct))
        {
            if (NamedBy(m.Id, words) is { Count: > 0 } positions && namedBy.All(n => n.Id != m.Id))
            {
                namedBy.Add((m.Id, positions.ToHashSet()));
            }
        }

        // "The vanilla soy yoghurt": a product whose words the question uses only in part, where another product
        // takes those words and more, is not the one meant.
        foreach (var (id, at) in namedBy)
        {
            if (!namedBy.Any(o => o.Id != id && o.At.IsProperSupersetOf(at)))
            {
                specific.Add(id);
                covered.UnionWith(at);
            }
        }

        var found = vocabulary.Find(words)
            .Where(f => !Enumerable.Range(f.Start, f.Length).Any(covered.Contains))
            .Where(f => !IsAllergenUse(words, f.Start, f.Alias.Phrase, reading.Intent))
            .OrderBy(f => f.Start)
            .ToList();
        // "Kiwi fruit", "the arla milk products": a group word right after a product or category names nothing more.
        found.RemoveAll(f => f.Alias.IsGroup && f.Start > 0
            && (covered.Contains(f.Start - 1) || found.Any(g => !g.Alias.IsGroup && g.Start + g.Length == f.Start)));
        if (found.Count == 0 && specific.Count == 0 && FromEncoder(words) is { } guessed)
        {
            found.Add(guessed);
        }

        // In "apple juice" the head noun names the product; the word before it narrows that head alone ("my apple juice
        // and the satsumas": the satsumas are not narrowed by "apple").
        var modifiersOf = new Dictionary<int, List<string>>();
        for (var i = found.Count - 2; i >= 0; i--)
        {
            if (found[i].Start + found[i].Length == found[i + 1].Start && !found[i + 1].Alias.IsGroup)
            {
                var head = found[i + 1].Start;
                modifiersOf[head] = [found[i].Alias.Phrase, .. modifiersOf.GetValueOrDefault(head) ?? []];
                found.RemoveAt(i);
            }
        }

        var parts = new List<Resolution>();
        foreach (var id in specific)
        {
            if (inBasket.Contains(id))
            {
                parts.Add(new Resolution(MentionScope.Basket, [id], Name(id), false, false));
                continue;
            }

            // "My Arla milk" when the basket holds one other milk: the basket's line of that category.
            var sameCategory = basketIds.Where(b => catalog.Get(b).CoarseCategory == catalog.Get(id).CoarseCategory).ToList();
            if (reading.BasketScoped && sameCategory.Count == 1 && !Distinguishes(id, sameCategory[0], words))
            {
                parts.Add(new Resolution(MentionScope.Basket, sameCategory, Name(sameCategory[0]), false, false));
            }
            else
            {
                parts.Add(aboutBasket
                    ? new Resolution(MentionScope.NotInBasket, [], Name(id), false, false)
                    : new Resolution(MentionScope.Catalog, [id], Name(id), false, false));
            }
        }

        foreach (var f in found)
        {
            var categories = f.Alias.Categories;
            var modifiers = modifiersOf.GetValueOrDefault(f.Start) ?? [];
            // The shopper's own words ("apples", "paprika"), not the vocabulary's spelling of them.
            var named = string.Join(' ', modifiers.Append(string.Join(' ', words.Skip(f.Start).Take(f.Length))));
            var lines = basketIds.Where(id => categories.Contains(catalog.Get(id).CoarseCategory) && modifiers.All(m => Mentions(id, m))).ToList();
            if (lines.Count > 0)
            {
                parts.Add(new Resolution(MentionScope.Basket, lines, named, true, f.Alias.IsGroup));
                continue;
            }

            // Nothing of it in the basket: a question about the basket says so; a general one may use the catalog.
            var fromSearch = searched.Where(m => m.IsStoreProduct && categories.Contains(catalog.Get(m.Id).CoarseCategory)).Select(m => m.Id).ToList();
            if (!aboutBasket && !f.Alias.IsGroup && fromSearch.Count == 0)
            {
                // "The price per kilo of red pepepr": a store question about a category the search missed (a typo):
                // the category's products that share the most of the question's other words ("red").
                fromSearch = BestNamed(categories, words, f.Start, f.Length);
            }

            // "How much is the sour cream per litre?" when the store has two and the question has no other word that could
            // tell them apart: the price of each, not of whichever the search ranked first.
            if (!aboutBasket && !f.Alias.IsGroup && fromSearch.Count == 1 && modifiers.Count == 0 && reading.Intent == QuestionIntent.Price
                && !words.Where((w, i) => (i < f.Start || i >= f.Start + f.Length) && w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w)).Any()
                && BestNamed(categories, words, f.Start, f.Length) is { Count: > 1 and <= 4 } alike && alike.Contains(fromSearch[0]))
            {
                fromSearch = alike;
            }

            parts.Add(aboutBasket || f.Alias.IsGroup || fromSearch.Count == 0
                ? new Resolution(MentionScope.NotInBasket, [], named, true, f.Alias.IsGroup)
                : new Resolution(MentionScope.Catalog, fromSearch.Take(fromSearch.Count == 1 ? 1 : 5).ToList(), named, true, false));
        }

        if (parts.Count == 0)
        {
            // No vocabulary word and no named product: what the search found, basket lines first. A dietary question
            // has none then: its search hit came from the allergen word ("contain milk" finds the milk).
            if (reading.Intent is QuestionIntent.Allergens or QuestionIntent.LactoseFree or QuestionIntent.PlantBased)
            {
                return new Resolution(MentionScope.None, [], string.Empty, false, false);
            }

            var stores = searched.Where(m => m.IsStoreProduct).Select(m => m.Id).ToList();
            var ours = stores.Where(inBasket.Contains).ToList();
            return stores.Count == 0 ? new Resolution(MentionScope.None, [], string.Empty, false, false)
                : ours.Count > 0 ? new Resolution(MentionScope.Basket, ours, Name(ours[0]), false, false)
                : aboutBasket ? new Resolution(MentionScope.NotInBasket, [], Name(stores[0]), false, false)
                : new Resolution(MentionScope.Catalog, stores, Name(stores[0]), false, false);
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        // Several mentions ("X or Y"): answered about those that resolve; "none" only when none does.
        var resolved = parts.Where(p => p.Scope != MentionScope.NotInBasket).ToList();
        if (resolved.Count == 0)
        {
            return new Resolution(MentionScope.NotInBasket, [], string.Join(" or ", parts.Select(p => p.Named)), parts.All(p => p.ByCategory), parts.All(p => p.Group));
        }

        var scope = resolved.All(p => p.Scope == MentionScope.Basket) ? MentionScope.Basket : MentionScope.Catalog;
        return new Resolution(scope, resolved.SelectMany(p => p.Targets).Distinct(StringComparer.Ordinal).ToList(),
            string.Join(" and ", resolved.Select(p => p.Named)), resolved.All(p => p.ByCategory), resolved.All(p => p.Group));
    }

    private List<string> BestNamed(IReadOnlySet<string> categories, IReadOnlyList<string> words, int start, int length)
    {
        var others = words.Where((w, i) => (i < start || i >= start + length) && w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w)).ToArray();
        var scored = catalog.Products.Where(p => categories.Contains(p.CoarseCategory))
            .Select(p => (p.Id, Score: others.Count(w => Words(string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.Brand)).Any(n => CategoryVocabulary.Same(w, n)))))
            .ToList();
        var best = scored.Count == 0 ? 0 : scored.Max(s => s.Score);
        return scored.Where(s => s.Score == best).Select(s => s.Id).ToList();
    }

    private (CategoryAlias Alias, int Start, int Length)? FromEncoder(IReadOnlyList<string> words)
    {
        if (_aliasVectors.Value is not { } aliases || encoder() is not { } e)
        {
            return null;
        }

        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            // Vocabulary words were matched or deliberately dropped ("contain milk"); only unknown words are embedded.
            if (w.Length < 4 || IntentLexicon.Stopwords.Contains(w) || Generic.Contains(w) || vocabulary.IsCategoryWord(w) || AllergenNouns.Contains(w))
            {
                continue;
            }

            var v = e.Embed(w);
            var best = aliases.Select(a => (a.Alias, Score: TensorPrimitives.Dot(v, a.Vector))).MaxBy(a => a.Score);
            if (best.Score >= MinAliasSimilarity && !best.Alias.IsGroup)
            {
                return (best.Alias, i, 1);
            }
        }

        return null;
    }

    // Question words that are never a product: kept out of the encoder's alias search.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "lactose", "gluten", "organic", "vegan", "allergic", "intolerant", "percent", "percentage", "litres", "liters", "decilitres",
        "basket", "trolley", "cart", "shopping", "groceries", "buying", "picked", "grabbed", "already", "together", "altogether",
        "everything", "something", "anything", "nothing", "ecological", "laktosfri", "fetthalt", "eko", "safe", "fine",
    };

    private bool IsAllergenUse(IReadOnlyList<string> words, int start, string phrase, QuestionIntent intent)
    {
        if (!AllergenNouns.Contains(phrase) || intent is not (QuestionIntent.Allergens or QuestionIntent.LactoseFree or QuestionIntent.PlantBased or QuestionIntent.Ingredients or QuestionIntent.None))
        {
            return false;
        }

        var before = start > 0 ? words[start - 1] : string.Empty;
        var after = start + 1 < words.Count ? words[start + 1] : string.Empty;
        var afterIn = after == "in" && start + 2 < words.Count ? words[start + 2] : string.Empty;
        return AllergenLead.Contains(before) || afterIn is "it" or "anything" or "any" or "something" or "everything" or "them" or "those" or "these"
            || after is "allergy" or "allergic" or "protein";
    }

    // Question word positions that name the product: one of its own words (brand, variety: not a category word), or
    // its whole name ("pepper orange" is the orange pepper, not an orange). Empty when the question does not name it.
    private List<int> NamedBy(string productId, IReadOnlyList<string> words)
    {
        if (!catalog.TryGet(productId, out var p))
        {
            return [];
        }

        var all = Words(string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.Brand ?? string.Empty)).Where(n => n.Length >= 3).ToHashSet(StringComparer.Ordinal);
        var own = all.Where(n => !vocabulary.IsCategoryWord(n) && !IntentLexicon.Stopwords.Contains(n) && !Generic.Contains(n) && !Weak.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var hits = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w) && all.Any(n => Matches(w, n)))
            {
                hits.Add(i);
            }
        }

        var ownHit = hits.Any(i => !vocabulary.IsCategoryWord(words[i]) && own.Any(n => Matches(words[i], n)));
        var idWords = Words(p.Id.Replace('-', ' ')).Where(n => n.Length >= 3).ToArray();
        var nameWords = Words(p.DisplayName).Where(n => n.Length >= 3 && !n.Any(char.IsDigit)).ToArray();
        var whole = (idWords.Length >= 2 && idWords.All(n => words.Any(w => Matches(w, n))))
            || (nameWords.Length >= 2 && nameWords.All(n => words.Any(w => Matches(w, n))));
        if (!ownHit)
        {
            return whole ? hits : [];
        }

        // "Oat milk or Arla milk": Arla's category word "milk" is its own only next to "arla", so the other "milk"
        // stays free to name the oat milk.
        var ownAt = hits.Where(i => !vocabulary.IsCategoryWord(words[i]) && own.Any(n => Matches(words[i], n))).ToHashSet();
        return hits.Where(i => ownAt.Contains(i) || ownAt.Any(j => Math.Abs(i - j) <= 2 && Enumerable.Range(Math.Min(i, j), Math.Abs(i - j) + 1).All(hits.Contains))).ToList();
    }

    // Words that do not tell one variety from another on their own ("fat", "fresh").
    private static readonly HashSet<string> Weak = new(StringComparer.Ordinal)
    {
        "fat", "medium", "standard", "natural", "fresh", "free", "lactose", "ecological", "milk", "juice", "mild", "low", "original", "style", "med", "från",
    };

    private static bool Matches(string w, string n) =>
        n == w || (w.Length >= 5 && CategoryVocabulary.Same(w, n)) || (w.Length >= 4 && n.Length > w.Length && n.StartsWith(w, StringComparison.Ordinal));

    // The question names a word of <paramref name="asked"/> that <paramref name="other"/> lacks ("lactose" free vs not).
    private bool Distinguishes(string asked, string other, IReadOnlyList<string> words)
    {
        var a = Words(string.Join(' ', asked.Replace('-', ' '), Name(asked))).ToHashSet(StringComparer.Ordinal);
        var o = Words(string.Join(' ', other.Replace('-', ' '), Name(other))).ToHashSet(StringComparer.Ordinal);
        return words.Any(w => w.Length >= 3 && a.Any(n => Matches(w, n)) && !o.Any(n => Matches(w, n)));
    }

    private bool Mentions(string productId, string modifier)
    {
        var p = catalog.Get(productId);
        var text = string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.Attributes.Flavour ?? string.Empty).ToLowerInvariant();
        var swedish = modifier switch { "apple" => "äpple", "orange" => "apelsin", "grapefruit" => "grape", "mandarin" => "mandarin", _ => modifier };
        return text.Contains(modifier, StringComparison.Ordinal) || text.Contains(swedish, StringComparison.Ordinal);
    }

    private string Name(string id) => catalog.TryGet(id, out var p) ? Naming.ProductNames.Display(p) : id;

    internal static string[] Words(string text) =>
        NonWord().Replace(text.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
