using System.Globalization;
using System.Text;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Numerics;

namespace BasketReasoner.Retrieval.CatalogSearch.Evaluation;

/// <summary>One product-search query and the products that answer it.</summary>
/// <param name="Id">Stable case id (<c>s-…</c> store, <c>r-…</c> Open Food Facts).</param>
/// <param name="Split"><c>val</c> or <c>test</c>, by a hash of the product the query was made from: every query about one product is in one split.</param>
/// <param name="Kind"><c>name</c>, <c>typo</c>, <c>swedish</c>, <c>paraphrase</c>, <c>attribute</c> (store) or <c>reference</c>, <c>reference-typo</c> (Open Food Facts).</param>
/// <param name="IncludeReference">Search the Open Food Facts products as well as the store's.</param>
/// <param name="Relevant">Every product the query's constraints pick out, computed from the catalog: any of them is a right hit.</param>
public sealed record ProductSearchCase(string Id, string Split, string Kind, string Query, bool IncludeReference, IReadOnlyList<string> Relevant);

/// <summary>
/// Generates the product-search set from the catalog, seeded. Its wordings are its own (English descriptions, Swedish
/// everyday words, one-letter typos), not the search documents' texts, and the truth is computed from the catalog's
/// fields: a query built from a category and attributes is answered by every product with that category and those
/// attributes; an Open Food Facts query by every reference product whose name and brand hold all the query's words.
/// </summary>
public static class ProductSearchSet
{
    /// <summary>The seed of the committed set.</summary>
    public const int DefaultSeed = 17;

    // A shopper's English words per coarse category: descriptions, not the catalog's names.
    private static readonly Dictionary<string, string[]> English = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apple"] = ["apples", "an apple"], ["Avocado"] = ["avocados", "ripe avocado"], ["Banana"] = ["bananas", "a bunch of bananas"],
        ["Kiwi"] = ["kiwi fruit", "kiwifruit"], ["Lemon"] = ["lemons", "a lemon for tea"], ["Lime"] = ["limes", "green citrus lime"],
        ["Mango"] = ["mangoes", "a ripe mango"], ["Melon"] = ["melons", "a whole melon"], ["Nectarine"] = ["nectarines", "smooth peach nectarine"],
        ["Orange"] = ["oranges", "sweet oranges"], ["Papaya"] = ["papayas", "tropical papaya"], ["Passion-Fruit"] = ["passion fruits", "passionfruit"],
        ["Peach"] = ["peaches", "fresh peach"], ["Pear"] = ["pears", "a pear"], ["Pineapple"] = ["pineapples", "whole pineapple"],
        ["Plum"] = ["plums", "red plums"], ["Pomegranate"] = ["pomegranates", "pomegranate fruit"], ["Red-Grapefruit"] = ["pink grapefruit", "grapefruits"],
        ["Satsumas"] = ["mandarins", "easy peel citrus"], ["Juice"] = ["fruit juice", "a carton of juice"], ["Milk"] = ["cow's milk", "dairy milk"],
        ["Oatghurt"] = ["oat yogurt", "oat based yogurt"], ["Oat-Milk"] = ["oat drink", "milk made from oats"], ["Sour-Cream"] = ["sour cream", "cream for dips"],
        ["Sour-Milk"] = ["soured milk", "fermented milk"], ["Soyghurt"] = ["soy yogurt", "soya yoghurt"], ["Soy-Milk"] = ["soya drink", "soy milk"],
        ["Yoghurt"] = ["yogurt", "a pot of yoghurt"], ["Asparagus"] = ["asparagus spears", "green asparagus"], ["Aubergine"] = ["eggplant", "aubergines"],
        ["Cabbage"] = ["white cabbage", "a head of cabbage"], ["Carrots"] = ["carrots", "a bag of carrots"], ["Cucumber"] = ["cucumbers", "salad cucumber"],
        ["Garlic"] = ["garlic bulb", "garlic cloves"], ["Ginger"] = ["ginger root", "fresh ginger"], ["Leek"] = ["leeks", "a leek"],
        ["Mushroom"] = ["mushrooms", "brown mushrooms"], ["Onion"] = ["onions", "cooking onion"], ["Pepper"] = ["bell peppers", "sweet pepper"],
        ["Potato"] = ["potatoes", "spuds"], ["Red-Beet"] = ["beetroot", "beets"], ["Tomato"] = ["tomatoes", "salad tomatoes"],
        ["Zucchini"] = ["courgette", "zucchinis"],
    };

    // Swedish words a shopper in Sweden would type, some the search's own name list lacks.
    private static readonly Dictionary<string, string[]> Swedish = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apple"] = ["äpplen", "äpple"], ["Avocado"] = ["avokado"], ["Banana"] = ["bananer", "banan"], ["Kiwi"] = ["kiwifrukt"],
        ["Lemon"] = ["citroner"], ["Lime"] = ["limefrukt"], ["Mango"] = ["mangofrukt"], ["Melon"] = ["meloner"], ["Nectarine"] = ["nektariner"],
        ["Orange"] = ["apelsiner"], ["Papaya"] = ["papaya frukt"], ["Passion-Fruit"] = ["passionsfrukter"], ["Peach"] = ["persikor"],
        ["Pear"] = ["päron"], ["Pineapple"] = ["ananas"], ["Plum"] = ["plommon"], ["Pomegranate"] = ["granatäpplen"], ["Red-Grapefruit"] = ["röd grapefrukt"],
        ["Satsumas"] = ["klementiner"], ["Juice"] = ["fruktjuice"], ["Milk"] = ["mjölk", "komjölk"], ["Oatghurt"] = ["havreyoghurt"],
        ["Oat-Milk"] = ["havremjölk"], ["Sour-Cream"] = ["gräddfil"], ["Sour-Milk"] = ["filmjölk"], ["Soyghurt"] = ["sojayoghurt"],
        ["Soy-Milk"] = ["sojamjölk"], ["Yoghurt"] = ["yoghurt"], ["Asparagus"] = ["sparris"], ["Aubergine"] = ["äggplanta"],
        ["Cabbage"] = ["vitkål"], ["Carrots"] = ["morötter"], ["Cucumber"] = ["gurka"], ["Garlic"] = ["vitlök"], ["Ginger"] = ["ingefära"],
        ["Leek"] = ["purjolök"], ["Mushroom"] = ["champinjoner", "svamp"], ["Onion"] = ["gul lök"], ["Pepper"] = ["paprika"],
        ["Potato"] = ["potatis"], ["Red-Beet"] = ["rödbetor"], ["Tomato"] = ["tomater"], ["Zucchini"] = ["squash"],
    };

    private static readonly Dictionary<string, string> FlavourSwedish = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apple"] = "äpple", ["orange"] = "apelsin", ["vanilla"] = "vanilj", ["strawberry"] = "jordgubb", ["blueberry"] = "blåbär",
        ["natural"] = "naturell", ["red grapefruit"] = "blodgrape", ["grapefruit"] = "grapefrukt", ["mandarin"] = "mandarin",
    };

    /// <summary>Builds the set: store queries of five kinds and <paramref name="referenceQueries"/> Open Food Facts queries.</summary>
    public static IReadOnlyList<ProductSearchCase> Generate(ProductCatalog catalog, ReferenceCatalog reference, int seed = DefaultSeed, int referenceQueries = 300)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(reference);
        var random = new Random(seed);
        var cases = new List<ProductSearchCase>();
        var seen = new HashSet<(string, bool)>();
        foreach (var p in catalog.Products)
        {
            var english = English.GetValueOrDefault(p.CoarseCategory) ?? [p.CoarseCategory.Replace('-', ' ').ToLowerInvariant()];
            var swedish = Swedish.GetValueOrDefault(p.CoarseCategory) ?? english;
            var noun = english[random.Next(english.Length)];
            var split = SplitOf(p.Id);

            // The product's own name, brand dropped half the time.
            var name = p.DisplayName;
            if (p.Brand is { } brand && random.Next(2) == 0 && name.StartsWith(brand + " ", StringComparison.OrdinalIgnoreCase))
            {
                name = name[(brand.Length + 1)..];
            }

            Add("name", name.ToLowerInvariant(), [p.Id]);
            Add("typo", Typo(name.ToLowerInvariant(), random), [p.Id]);

            // A category in English words, with the brand when there is one: every product of that category (and brand).
            Add("paraphrase", p.Brand is { } b1 ? $"{b1} {noun}" : noun, Matching(catalog, p.CoarseCategory, brand: p.Brand));

            // Swedish: the category word, with an attribute or flavour when the product has one.
            var sw = swedish[random.Next(swedish.Length)];
            var a = p.Attributes;
            if (a.Organic)
            {
                Add("swedish", $"ekologisk {sw}", Matching(catalog, p.CoarseCategory, organic: true));
            }
            else if (a.LactoseFree)
            {
                Add("swedish", $"laktosfri {sw}", Matching(catalog, p.CoarseCategory, lactoseFree: true));
            }
            else if (a.Flavour is { } f && FlavourSwedish.TryGetValue(f.Split(',')[0].Trim(), out var fs))
            {
                Add("swedish", $"{sw} {fs}", Matching(catalog, p.CoarseCategory, flavour: f.Split(',')[0].Trim()));
            }
            else
            {
                Add("swedish", sw, Matching(catalog, p.CoarseCategory));
            }

            // Attributes in English words: fat, plant-based, flavour.
            if (a.FatPercent is { } fat)
            {
                Add("attribute", $"{noun} with {fat.ToString(CultureInfo.InvariantCulture)}% fat", Matching(catalog, p.CoarseCategory, fat: fat));
            }
            else if (a.Flavour is { } flavour)
            {
                var first = flavour.Split(',')[0].Trim();
                Add("attribute", $"{first} flavoured {noun}", Matching(catalog, p.CoarseCategory, flavour: first));
            }

            void Add(string kind, string query, IReadOnlyList<string> relevant)
            {
                if (relevant.Count > 0 && seen.Add((query, false)))
                {
                    cases.Add(new ProductSearchCase($"s-{cases.Count:D4}", split, kind, query, false, relevant));
                }
            }
        }

        var candidates = reference.Products.Where(r => Words(r.Name).Count >= 2).ToList();
        for (var tries = 0; tries < referenceQueries * 4 && cases.Count(c => c.IncludeReference) < referenceQueries && candidates.Count > 0; tries++)
        {
            var r = candidates[random.Next(candidates.Count)];
            var words = Words(r.Name).Where(w => w.Length >= 3).ToList();
            if (words.Count < 2)
            {
                continue;
            }

            // Two or three of the name's words in their order, the brand's first word a third of the time.
            var take = Math.Min(words.Count, 2 + random.Next(2));
            var start = random.Next(words.Count - take + 1);
            var chosen = words.GetRange(start, take);
            if (r.Brands is { } brands && Words(brands).FirstOrDefault() is { Length: >= 3 } brandWord && random.Next(3) == 0)
            {
                chosen.Add(brandWord);
            }

            var relevant = reference.Products
                .Where(o => { var own = Words($"{o.Name} {o.Brands}").ToHashSet(StringComparer.Ordinal); return chosen.All(own.Contains); })
                .Select(o => o.Id).ToArray();
            if (relevant.Length is 0 or > 10)
            {
                continue;
            }

            var query = string.Join(' ', chosen);
            var kind = "reference";
            if (random.Next(3) == 0)
            {
                query = Typo(query, random);
                kind = "reference-typo";
            }

            if (seen.Add((query, true)))
            {
                cases.Add(new ProductSearchCase($"r-{cases.Count:D4}", SplitOf(r.Id), kind, query, true, relevant));
            }
        }

        return cases;
    }

    /// <summary><c>val</c> or <c>test</c> by a stable hash (FNV-1a) of the product id, about half each.</summary>
    /// <remarks>
    /// A high bit of the hash, not the lowest: the lowest is the parity of the id's characters, and barcodes' check
    /// digits tie that to the rest of the code (nearly every Open Food Facts id landed in one split).
    /// </remarks>
    public static string SplitOf(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return ((Fnv1a.Hash(productId) >> 16) & 1) == 0 ? "val" : "test";
    }

    private static string[] Matching(ProductCatalog catalog, string category, string? brand = null, bool? organic = null, bool? lactoseFree = null, string? flavour = null, double? fat = null) =>
        catalog.Products
            .Where(p => p.CoarseCategory.Equals(category, StringComparison.OrdinalIgnoreCase)
                && (brand is null || string.Equals(p.Brand, brand, StringComparison.OrdinalIgnoreCase))
                && (organic is null || p.Attributes.Organic == organic)
                && (lactoseFree is null || p.Attributes.LactoseFree == lactoseFree)
                && (flavour is null || (p.Attributes.Flavour ?? string.Empty).Split(',').Any(f => f.Trim().Equals(flavour, StringComparison.OrdinalIgnoreCase)))
                && (fat is null || p.Attributes.FatPercent == fat))
            .Select(p => p.Id)
            .ToArray();

    // One edit in the longest word of five letters or more: a swap of two neighbours, a dropped or a doubled letter.
    private static string Typo(string text, Random random)
    {
        var words = text.Split(' ');
        var longest = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 5).OrderByDescending(i => words[i].Length).FirstOrDefault(-1);
        if (longest < 0)
        {
            return text;
        }

        var w = new StringBuilder(words[longest]);
        var at = 1 + random.Next(w.Length - 2);
        switch (random.Next(3))
        {
            case 0:
                (w[at], w[at + 1]) = (w[at + 1], w[at]);
                break;
            case 1:
                w.Remove(at, 1);
                break;
            default:
                w.Insert(at, w[at]);
                break;
        }

        words[longest] = w.ToString();
        return string.Join(' ', words);
    }

    private static List<string> Words(string text) =>
        text.ToLowerInvariant().Split((char[])[' ', ',', '.', '-', '(', ')', '/', '\'', '"', ';', ':', '&', '+'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetter)).ToList();
}
