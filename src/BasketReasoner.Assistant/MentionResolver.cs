using System.Text.RegularExpressions;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Search;

namespace BasketReasoner.Assistant;

/// <summary>A product a question names: a store product or an Open Food Facts reference product.</summary>
internal sealed record Mention(string Id, bool IsStoreProduct);

/// <summary>
/// Finds the products a question names through catalog search: the question is split at "or", "and", "than",
/// "vs"..., the words that carry no name are dropped, and each rest is searched. A hit is accepted when it is a
/// lexical match or close enough in the n-gram vector space (typos); among near-equal hits the basket's own product
/// wins ("the milk" is the milk in the basket).
/// </summary>
internal sealed partial class MentionResolver(ICatalogSearch search, ProductCatalog catalog, ShopperAssistantOptions options)
{
    // "Without the cucumbers" leaves the basket's cucumbers, not a product "without" something (the juice "without pulp"
    // took the word and the cucumbers with it).
    [GeneratedRegex(@"\b(?:or|and|vs\.?|versus|than|compared (?:to|with)|against|eller|och|plus|(?:without|except|excluding|minus|apart from|besides)(?= (?:the|my|our|those|these|them|any|all|both)\b))\b|,|/|&|\+|\?|;", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"[^\p{L}\p{Nd}%.,]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    /// <param name="keep">Words never dropped as allergen words: those of a product phrase ("soy" in "soy yoghurt").</param>
    public List<Mention> Resolve(string question, IReadOnlyList<BasketLine> basket, bool dropAllergenWords, IReadOnlySet<string>? keep = null)
    {
        var mentions = new List<Mention>();
        var parts = Separator().Split(question);
        // "God Morgon orange & blood grapefruit juice" is one product's name: the whole question is searched too.
        var whole = parts.Count(p => Residue(p, dropAllergenWords, keep).Length > 0) > 1 ? [string.Join(' ', parts)] : Array.Empty<string>();
        foreach (var part in parts.Concat(whole))
        {
            var residue = Residue(part, dropAllergenWords, keep);
            if (residue.Length == 0)
            {
                continue;
            }

            if (ResolveOne(residue, basket) is { } m && !mentions.Contains(m))
            {
                mentions.Add(m);
            }
        }

        return mentions;
    }

    private Mention? ResolveOne(string residue, IReadOnlyList<BasketLine> basket)
    {
        var hits = search.Search(residue, new CatalogSearchFilter(), 10);
        var accepted = hits.Where(h => Accept(h, residue)).ToList();
        if (accepted.Count > 0)
        {
            var top = accepted[0];
            var topOverlap = NameOverlap(top.Id, residue);
            // "The shelf alpro soy drink", "arla mjölk 3%": a hit that more of the words name beats search's first.
            if (accepted.Skip(1).Where(h => h.LexicalRank > 0).Select(h => (Hit: h, Overlap: NameOverlap(h.Id, residue))).OrderByDescending(x => x.Overlap).FirstOrDefault() is { Hit: { } better } named
                && named.Overlap > topOverlap)
            {
                top = better;
                topOverlap = named.Overlap;
            }

            foreach (var h in hits)
            {
                if (h != top && basket.Any(l => l.Product == h.Id) && h.LexicalRank > 0 && NameOverlap(h.Id, residue) >= topOverlap
                    && basket.All(l => l.Product != top.Id))
                {
                    return new Mention(h.Id, true);
                }
            }

            return new Mention(top.Id, true);
        }

        var reference = search.Search(residue, new CatalogSearchFilter { IncludeReference = true }, 3)
            .FirstOrDefault(h => !h.IsStoreProduct && h.LexicalRank is > 0 and <= 2 && h.VectorSimilarity >= options.MinReferenceSimilarity);
        return reference is null ? null : new Mention(reference.Id, false);
    }

    private bool Accept(CatalogHit hit, string residue) =>
        hit.VectorSimilarity >= options.MinMentionSimilarity
        || (hit.LexicalRank is > 0 and <= 3 && NameOverlap(hit.Id, residue) > 0)
        || (hit.LexicalRank == 1 && hit.VectorSimilarity >= options.MinMentionSimilarity / 2);

    // Residue words that start a word of the product's names (id words, display name, brand, category).
    private int NameOverlap(string productId, string residue)
    {
        if (!catalog.TryGet(productId, out var p))
        {
            return 0;
        }

        var names = Words(string.Join(' ', p.Id.Replace('-', ' '), p.DisplayName, p.ShopperName, p.PackName, p.Brand, p.CoarseCategory.Replace('-', ' ')));
        // A figure ("3%", "1.5%") names a product exactly; a few shelf words name its kind of pack.
        return Words(residue).Count(w => w.Any(char.IsDigit) ? names.Contains(w)
            : w.Length >= 3 && (names.Any(n => n.StartsWith(w, StringComparison.Ordinal) || (n.Length >= 4 && w.StartsWith(n, StringComparison.Ordinal)))
                || (s_packWords.TryGetValue(w, out var alias) && names.Contains(alias))));
    }

    private static readonly Dictionary<string, string> s_packWords = new(StringComparer.Ordinal)
    {
        ["shelf"] = "long", ["ambient"] = "long", ["uht"] = "long", ["fridge"] = "chilled", ["refrigerated"] = "chilled",
    };

    private static string Residue(string part, bool dropAllergenWords, IReadOnlySet<string>? keep)
    {
        var words = Words(part).Where(w => !IntentLexicon.Stopwords.Contains(w) || keep?.Contains(w) == true).ToList();
        if (dropAllergenWords && words.Count > 1)
        {
            var kept = words.Where(w => keep?.Contains(w) == true || !IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(w))).ToList();
            if (kept.Count > 0)
            {
                words = kept;
            }
        }

        return string.Join(' ', words);
    }

    private static string[] Words(string text) =>
        NonWord().Replace(text.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ','))
            .Where(w => w.Length > 0)
            .ToArray();
}
