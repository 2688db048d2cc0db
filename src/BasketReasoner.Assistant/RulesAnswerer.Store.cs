using System.Text.RegularExpressions;
using BasketReasoner.Assistant.Plugins;
using BasketReasoner.Assistant.Understanding;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage, store aspect: whether the store sells a product, what an amount of it costs, names it lacks.</summary>
internal sealed partial class RulesAnswerer
{
    /// <summary>"Do you sell avocados?": yes with its price (and what the basket holds of it), or no when the store has none.</summary>
    private async Task<RulesAnswer> AvailabilityAsync(AssistantKernel kernel, string q, Resolution resolution, IReadOnlyList<string> basketIds, CancellationToken ct)
    {
        // The store's shelves, not the basket: "do you sell bananas?" is yes even with none in the basket, and "which
        // apples do you have?" lists every apple the store sells.
        if (resolution.ByCategory || resolution.Scope is MentionScope.NotInBasket)
        {
            var found = _vocabulary.Find(BasketResolver.Words(q));
            // "Kiwi fruit": the group word after a category names nothing more.
            found.RemoveAll(f => f.Alias.IsGroup && found.Any(g => !g.Alias.IsGroup && g.Start + g.Length == f.Start));
            var cats = found.SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
            var ofCategory = catalog.Products.Where(p => cats.Contains(p.CoarseCategory)).Select(p => p.Id).ToList();
            if (ofCategory.Count > 0)
            {
                resolution = resolution with { Scope = MentionScope.Catalog, Targets = ofCategory };
            }
        }

        if (resolution.Scope is MentionScope.None || resolution.Targets.Count == 0)
        {
            // "Do you sell eggs?": an allergen word can be the product asked for.
            var plain = BasketResolver.Words(q).Where(w => w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w) && !s_filler.Contains(w)).ToArray();
            return (UnfoundName(q) ?? (plain.Length > 0 ? string.Join(' ', plain) : null)) is { } name
                ? Answer(QuestionIntent.StoreAvailability, kernel, $"No, this store doesn't sell {name}: it is not among the {catalog.Products.Count} products in the store's catalog.", [])
                : new RulesAnswer(ShopperAnswerKind.Unknown, "Which product do you mean? I couldn't find a product name in the question.", [], QuestionIntent.StoreAvailability, string.Empty);
        }

        // "Lactose-free milk", "organic bananas", "vegan yoghurt": only the products with that attribute.
        if (IntentLexicon.AttributeRequest().Match(q) is { Success: true } attr)
        {
            var keyword = System.Text.RegularExpressions.Regex.Match(attr.Value, @"lactose[- ]free|organic|eco\w*|vegan|plant[- ]based|gluten[- ]free|dairy[- ]free|non[- ]dairy", RegexOptions.IgnoreCase).Value;
            var a = keyword.ToLowerInvariant();
            Func<Product, bool> has = a.StartsWith("lactose", StringComparison.Ordinal) ? p => p.Attributes.LactoseFree || p.Allergens is { } al && !al.Contains("milk")
                : a.StartsWith("organic", StringComparison.Ordinal) || a.StartsWith("eco", StringComparison.Ordinal) ? p => p.Attributes.Organic
                : a.StartsWith("gluten", StringComparison.Ordinal) ? p => p.Allergens is { } ag && !ag.Contains("gluten")
                : p => p.Attributes.PlantBased;
            var wanted = a.StartsWith("vegan", StringComparison.Ordinal) || a.StartsWith("plant", StringComparison.Ordinal) || a.Contains("dairy", StringComparison.Ordinal)
                // A plant-based milk or yoghurt sits in its own category ("Oat-Milk", "Soyghurt").
                ? catalog.Products.Where(p => p.Attributes.PlantBased && resolution.Targets.Select(t => catalog.Get(t).CoarseCategory).Distinct()
                    .Any(c => p.CoarseCategory == c || IsPlantKindOf(p.CoarseCategory, c))).Select(p => p.Id).ToList()
                : resolution.Targets.Where(t => has(catalog.Get(t))).ToList();
            var asked = attr.Value;
            if (wanted.Count == 0)
            {
                return Answer(QuestionIntent.StoreAvailability, kernel, $"No, the store sells no {asked}: none of {Names(resolution.Targets.Take(5))} is.", resolution.Targets.Take(5));
            }

            resolution = resolution with { Targets = wanted };
            q = q.Replace(keyword, " ", StringComparison.Ordinal);
        }

        // "Do you have almond milk?" finds milk, but not almond milk: the store has no such product.
        var content = ContentWords(q).ToArray();
        var unmatched = content.Where(w => !resolution.Targets.Any(id => Mentions(catalog.Get(id), [w]))
            && !_vocabulary.Aliases.Any(al => al.IsGroup && al.Phrase == w)).ToArray();
        // "Strawberries" finds a strawberry yoghurt by its flavour alone: the store has no strawberries.
        if (unmatched.Length == 0 && content.Length > 0 && content.All(w => resolution.Targets.All(id => catalog.Get(id).Attributes.Flavour is { } fl
                && BasketResolver.Words(fl).Any(f => SameWord(w, f) || SameWord(Singular(w), f)))))
        {
            unmatched = content;
        }

        if (unmatched.Length > 0)
        {
            var asked = string.Join(' ', ContentWords(q));
            var similar = string.Join("; ", resolution.Targets.Take(3).Select(DisplayOf));
            return Answer(QuestionIntent.StoreAvailability, kernel,
                $"No, I can't find {asked} among the store's products ({string.Join(", ", unmatched)} matches none of them). Closest it sells: {similar}.", resolution.Targets.Take(3));
        }

        var parts = new List<string>();
        foreach (var id in resolution.Targets.Take(8))
        {
            var f = await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = id }, ct).ConfigureAwait(false);
            if (f is not null)
            {
                var held = basketIds.Contains(id) ? " (you already have some in your basket)" : string.Empty;
                parts.Add($"{DisplayOf(id)} at {Money(f.Amount)} {f.Currency} {(f.Per == PriceUnit.Kilogram ? "per kg" : "per unit")}{held}");
            }
        }

        var more = resolution.Targets.Count > 8 ? $", and {resolution.Targets.Count - 8} more" : string.Empty;
        var lead = WhichForm().IsMatch(q) ? "The store sells" : "Yes, the store sells";
        return Answer(QuestionIntent.StoreAvailability, kernel, $"{lead} {string.Join("; ", parts)}{more}. Demo prices.", resolution.Targets.Take(8));
    }

    // "Plant-based milk" means the oat and soy drinks, "vegan yoghurt" the soy and oat yoghurts: a plant category whose
    // name ends in the one named ("Oat-Milk" for "Milk", "Soyghurt" for "Yoghurt").
    private static bool IsPlantKindOf(string category, string named) =>
        category.EndsWith("-" + named, StringComparison.OrdinalIgnoreCase) || (named == "Yoghurt" && category.EndsWith("ghurt", StringComparison.Ordinal));

    [GeneratedRegex(@"^\W*(?:which|what)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhichForm();

    [GeneratedRegex(@"\b(?:cheapest|c[a-z]{1,4}pe?st|least expensive|lowest[- ]priced|best value|best price|most for (?:my|your|the) money|costs? (?:the )?least|least per|most expensive|priciest|dearest|costs? (?:the )?most)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StoreSuperlative();

    [GeneratedRegex(@"\b(?:you (?:sell|have|stock|carry|got|offer)|(?:in|at) (?:the|this|your) (?:store|shop)|the store|do you|available|of all|sold here|can i (?:buy|get)|per (?:kilo|kg|litre|liter|l|pack|unit))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StoreScope();

    /// <summary>
    /// "What's the cheapest yoghurt you sell?", "best value fruit per kilo": the store's products of the named categories
    /// (narrowed by organic, plant based or lactose free when asked), ranked by price per kg or litre (per unit when
    /// asked, or when they share no such unit). Null when the question is not that.
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:least|lowest|most|highest)[- ](?:\w+ ){0,2}?fat|fattiest|leanest|(?:lowest|highest) in fat)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FatSuperlative();

    /// <summary>
    /// "What is the lowest fat yoghurt?", "which milk has the most fat?": the store's products of the named category
    /// ranked by the catalog's fat content. A basket holding two or more of them, asked without the store named, is left
    /// to the basket's own comparison.
    /// </summary>
    private RulesAnswer? StoreFatRank(AssistantKernel kernel, string q, QuestionReading reading, IReadOnlyList<BasketReasoner.Core.Baskets.BasketLine> basket)
    {
        if (reading.BasketScoped || FatSuperlative().Match(q) is not { Success: true } sup)
        {
            return null;
        }

        var words = BasketResolver.Words(q);
        var found = _vocabulary.Find(words);
        if (found.Count == 0)
        {
            return null;
        }

        var cats = found.SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
        var inBasket = basket.Select(l => l.Product).Distinct(StringComparer.Ordinal).Count(id => catalog.TryGet(id, out var b) && cats.Contains(b.CoarseCategory));
        if (inBasket >= 2 && !StoreScope().IsMatch(q))
        {
            return null;
        }

        var what = string.Join(' ', found.OrderBy(f => f.Start).Select(f => string.Join(' ', words.Skip(f.Start).Take(f.Length))));
        var products = catalog.Products.Where(p => cats.Contains(p.CoarseCategory)).ToList();
        var known = products.Where(p => p.Attributes.FatPercent is not null).ToList();
        if (known.Count == 0)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, $"The catalog gives no fat content for the store's {what}, so I can't rank them.", [], QuestionIntent.Fat, string.Empty);
        }

        var most = System.Text.RegularExpressions.Regex.IsMatch(sup.Value, @"\b(?:most|highest|high|fattiest)\b", RegexOptions.IgnoreCase);
        var ranked = (most ? known.OrderByDescending(p => p.Attributes.FatPercent) : known.OrderBy(p => p.Attributes.FatPercent)).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var top = ranked.TakeWhile(p => p.Attributes.FatPercent == ranked[0].Attributes.FatPercent).ToList();
        var next = ranked.Skip(top.Count).Take(2).ToList();
        string Fat(Product p) => $"{DisplayOf(p.Id)} ({p.Attributes.FatPercent!.Value.ToString("0.##", Inv)}% fat)";
        var unknown = products.Except(known).ToList();
        var text = $"The {what} with the {(most ? "most" : "least")} fat the store sells: {string.Join(" and ", top.Select(Fat))}"
            + (top.Count > 1 ? " (the same)" : string.Empty)
            + (next.Count > 0 ? $". Then {string.Join(", ", next.Select(Fat))}" : string.Empty)
            + (unknown.Count > 0 ? $". The catalog gives no fat content for {string.Join(", ", unknown.Select(p => DisplayOf(p.Id)))}" : string.Empty)
            + ".";
        return Answer(QuestionIntent.Fat, kernel, text, top.Concat(next).Select(p => p.Id));
    }

    private async Task<RulesAnswer?> StoreRankAsync(AssistantKernel kernel, string q, QuestionReading reading, Resolution resolution, CancellationToken ct)
    {
        if (reading.BasketScoped || StoreSuperlative().Match(q) is not { Success: true } sup || !(StoreScope().IsMatch(q) || resolution.Scope != MentionScope.Basket))
        {
            return null;
        }

        var words = BasketResolver.Words(q);
        var found = _vocabulary.Find(words);
        // "Non-dairy milk": the "dairy" there is a filter, not the dairy group.
        found.RemoveAll(f => f.Alias.IsGroup && f.Start > 0 && words[f.Start - 1] is "non" or "no");
        var everything = found.Count == 0 && StoreScope().IsMatch(q) && resolution.Scope == MentionScope.None
            && System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:product|item|thing)s?\b", RegexOptions.IgnoreCase);
        if (found.Count == 0 && !everything)
        {
            return null;
        }

        // "The most expensive product in the store": every product, by what one unit costs.
        var cats = everything ? catalog.Products.Select(p => p.CoarseCategory).ToHashSet(StringComparer.Ordinal) : found.SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
        var plant = IntentLexicon.PlantBased().IsMatch(q) || System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:non[- ]?dairy|dairy[- ]free|milk[- ]free)\b", RegexOptions.IgnoreCase);
        var organic = IntentLexicon.Organic().IsMatch(q);
        var lactoseFree = System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:lactose[- ]free|laktosfri\w*)\b", RegexOptions.IgnoreCase);
        bool InNamed(Product p) => cats.Contains(p.CoarseCategory) || (plant && cats.Any(c => IsPlantKindOf(p.CoarseCategory, c)));
        var candidates = catalog.Products.Where(p => InNamed(p) && (!plant || p.Attributes.PlantBased) && (!organic || p.Attributes.Organic) && (!lactoseFree || p.Attributes.LactoseFree)).ToList();
        var what = everything ? "product" : string.Join(' ', found.OrderBy(f => f.Start).Select(f => string.Join(' ', words.Skip(f.Start).Take(f.Length))));
        var filters = string.Join(' ', new[] { organic ? "organic" : null, plant ? "plant-based" : null, lactoseFree ? "lactose-free" : null }.Where(x => x is not null));
        var label = filters.Length > 0 ? $"{filters} {what}" : what;
        if (candidates.Count == 0)
        {
            return new RulesAnswer(ShopperAnswerKind.Answered, $"The store sells no {label}.", [], QuestionIntent.Compare, kernel.FactsText);
        }

        var facts = new List<PriceFact>();
        foreach (var p in candidates)
        {
            if (await kernel.CallAsync<PriceFact>(AssistantKernel.PricesPluginName, "get_price", new KernelArguments { ["productId"] = p.Id }, ct).ConfigureAwait(false) is { } f)
            {
                facts.Add(f);
            }
        }

        // "Per kilo" / "per litre" asked: ranked in that unit, over the whole store too ("most expensive product per kilo").
        var perKg = System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:per|a|by the) (?:kilo|kg|kilogram)\b|\bkilo (?:price|for kilo)\b", RegexOptions.IgnoreCase);
        var perLitre = System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:per|a|by the) (?:litre|liter|l)\b|\blitre for litre\b", RegexOptions.IgnoreCase);
        var perUnit = (everything && !perKg && !perLitre) || System.Text.RegularExpressions.Regex.IsMatch(q, @"\bper (?:pack|packet|unit|piece|item|bottle|carton|tub|jar|pot)\b|\beach\b", RegexOptions.IgnoreCase);
        var unit = perUnit ? "unit" : perKg ? "kg" : perLitre ? "litre" : facts.GroupBy(f => f.ComparableUnit).OrderByDescending(g => g.Count()).First().Key;
        var ranked = facts.Where(f => perUnit || f.ComparableUnit == unit)
            .Select(f => (Fact: f, Price: perUnit ? f.PricePerPiece : f.ComparablePrice))
            .ToList();
        var most = System.Text.RegularExpressions.Regex.IsMatch(sup.Value, @"most expensive|priciest|dearest|costs? (?:the )?most", RegexOptions.IgnoreCase);
        ranked = (most ? ranked.OrderByDescending(r => r.Price) : ranked.OrderBy(r => r.Price)).ThenBy(r => r.Fact.ProductId, StringComparer.Ordinal).ToList();
        var top = ranked.TakeWhile(r => r.Price == ranked[0].Price).ToList();
        var next = ranked.Skip(top.Count).Take(2).ToList();
        string Line((PriceFact Fact, decimal Price) r) => $"{DisplayOf(r.Fact.ProductId)} ({Money(r.Price)} SEK per {unit})";
        var text = $"The {(most ? "most expensive" : "cheapest")} {label} the store sells{(perUnit ? string.Empty : $", per {unit}")}: {string.Join(" and ", top.Select(Line))}"
            + (top.Count > 1 ? " (the same price)" : string.Empty)
            + (next.Count > 0 ? $". Then {string.Join(", ", next.Select(Line))}" : string.Empty)
            + (facts.Count > ranked.Count ? $". Not compared (priced per {string.Join(", ", facts.Where(f => f.ComparableUnit != unit).Select(f => f.ComparableUnit).Distinct())}): {string.Join(", ", facts.Where(f => f.ComparableUnit != unit).Select(f => DisplayOf(f.ProductId)))}" : string.Empty)
            + ". Demo prices.";
        return Answer(QuestionIntent.Compare, kernel, text, top.Select(r => r.Fact.ProductId).Concat(next.Select(r => r.Fact.ProductId)));
    }

    [GeneratedRegex(@"\b(\p{L}{3,}) (fruits?|vegetables?|veggies?|berries|berry)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GroupWithModifier();

    private static readonly HashSet<string> s_kindWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "organic", "fresh", "ripe", "exotic", "tropical", "citrus", "dried", "frozen", "green", "red", "yellow", "orange", "cheap",
        "cheapest", "loose", "local", "swedish", "seasonal", "imported", "nice", "good", "best", "other", "more", "some", "any",
        "your", "the", "what", "which", "whole", "sweet", "sour", "soft", "hard", "root", "leafy", "stone", "own",
    };

    // "Dragon fruit", "star fruit": a kind of the group that no store product is called; null when the word is a
    // describing word, a category or part of a product's name ("passion fruit", "kiwi fruit").
    private string? UnknownKindOfGroup(string q)
    {
        var m = GroupWithModifier().Match(q);
        if (!m.Success)
        {
            return null;
        }

        var word = m.Groups[1].Value.ToLowerInvariant();
        if (IntentLexicon.Stopwords.Contains(word) || s_filler.Contains(word) || s_kindWords.Contains(word) || _vocabulary.IsCategoryWord(word)
            || catalog.Products.Any(p => Mentions(p, [word])))
        {
            return null;
        }

        return $"{word} {m.Groups[2].Value.ToLowerInvariant()}";
    }

    [GeneratedRegex(@"^\W*(?:(?:so|ok|okay|hey|hi|and|um|uh|please)\W+)*(?:which|what|list|show(?: me)?|give me|tell me|name)\b.*\b(?:products|items|things|fruits?|vegetables|veg|veggies|produce|juices?|milks?|drinks?|yoghurts?|yogurts?|goods|stuff|ones|kinds?)\b|^\W*(?:(?:so|ok|okay|hey|hi)\W+)*(?:organic|vegan|swedish|lactose[- ]free) (?:products|items|things|fruits?|vegetables|juices|milks|yoghurts)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StoreListForm();

    private bool IsCountryWord(string w) =>
        s_countryWords.ContainsKey(w) || catalog.Products.Any(p => p.Attributes.Origin is { } o && string.Equals(o, w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every store product of the kind asked (fruit, vegetables, a category, or all) with the attribute asked.</summary>
    private RulesAnswer? StoreList(AssistantKernel kernel, string q, QuestionIntent intent)
    {
        var words = BasketResolver.Words(q);

        // "What juices have milk in them?": the allergen asked is not a kind of product to list.
        if (intent == QuestionIntent.Allergens)
        {
            words = [.. words.Where(w => !IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(w)))];
        }

        var categories = _vocabulary.Find(words).SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
        var top = words.Any(w => w is "fruit" or "fruits" or "frukt") ? "Fruit" : words.Any(w => w is "vegetables" or "veg" or "veggies" or "grönsaker") ? "Vegetables" : null;
        var universe = catalog.Products.Where(p => (top is null || p.TopCategory == top) && (categories.Count == 0 || top is not null || categories.Contains(p.CoarseCategory))).ToList();
        Func<Product, bool>? has = null;
        string what;
        if (intent == QuestionIntent.Origin)
        {
            var origins = catalog.Products.Select(p => p.Attributes.Origin).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var country = words.Select(w => s_countryWords.TryGetValue(w, out var c) ? c : origins.FirstOrDefault(o => o.Length >= 4 && Understanding.CategoryVocabulary.Same(w, o.ToLowerInvariant())))
                .FirstOrDefault(c => c is not null);
            if (country is null)
            {
                return null;
            }

            has = p => string.Equals(p.Attributes.Origin, country, StringComparison.OrdinalIgnoreCase);
            what = $"from {country}";
        }
        else if (intent == QuestionIntent.Allergens)
        {
            return AllergenList(kernel, q, universe, categories, top);
        }
        else if (intent == QuestionIntent.Organic)
        {
            has = p => p.Attributes.Organic;
            what = "organic";
        }
        else if (intent == QuestionIntent.PlantBased)
        {
            has = p => p.Attributes.PlantBased;
            what = "labelled plant based";
        }
        else
        {
            has = p => p.Attributes.LactoseFree || p.Allergens is { } a && !a.Contains("milk");
            what = "lactose free or without milk by their ingredient lists";
        }

        var found = universe.Where(has).ToList();
        var kind = top is "Fruit" ? "fruit" : top is "Vegetables" ? "vegetables" : categories.Count > 0 ? "products of that kind" : "products";
        return Answer(intent, kernel, found.Count == 0
            ? $"None of the store's {kind} {(intent == QuestionIntent.Origin ? "comes" : "is")} {what}."
            : intent == QuestionIntent.Origin
                ? $"The store's {kind} {what}: {string.Join(", ", found.Select(p => DisplayOf(p.Id)))}{(found.Count > 1 ? $" ({found.Count})" : string.Empty)}."
                : $"The store's {kind} that are {what}: {string.Join(", ", found.Select(p => DisplayOf(p.Id)))}{(found.Count > 1 ? $" ({found.Count})" : string.Empty)}.", found.Select(p => p.Id));
    }

    private static readonly Dictionary<string, string> s_categoryWords = new(StringComparer.Ordinal)
    {
        ["Oatghurt"] = "oat yoghurt", ["Soyghurt"] = "soy yoghurt", ["Oat-Milk"] = "oat drink", ["Soy-Milk"] = "soy drink",
        ["Sour-Milk"] = "soured milk", ["Sour-Cream"] = "sour cream",
    };

    [GeneratedRegex(@"\bnon[- ]?(?:dairy|milk)\b|\b(?:gluten|milk|dairy|soy|soya|nut|peanut|egg|lactose)[- ]free\b|\bfree (?:of|from)\b|\bwithout\b|\bno (?:milk|dairy|gluten|soy|soya|nuts?|eggs?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FreeOf();

    // Yoghurt, oat yoghurt and soy yoghurt are all "yoghurts" to a shopper asking what is safe; milks and plant drinks likewise.
    private static readonly string[][] s_families = [["Yoghurt", "Oatghurt", "Soyghurt"], ["Milk", "Oat-Milk", "Soy-Milk"]];

    /// <summary>
    /// "Which yoghurts contain gluten?", "which products in the store have soy?": the store's products (of the kind named)
    /// whose ingredient lists name the allergen, and how many have no list to tell by. Null when no allergen is named.
    /// </summary>
    private RulesAnswer? AllergenList(AssistantKernel kernel, string q, List<Product> universe, HashSet<string> categories, string? top)
    {
        if (IntentLexicon.AllergenWords.FirstOrDefault(a => a.Pattern.IsMatch(q)) is not { Allergen: { } allergen })
        {
            return null;
        }

        if (top is null && categories.Count > 0)
        {
            var widened = categories.Concat(s_families.Where(f => f.Any(categories.Contains)).SelectMany(f => f)).ToHashSet(StringComparer.Ordinal);
            universe = catalog.Products.Where(p => widened.Contains(p.CoarseCategory)).ToList();
        }

        // "Dairy-free yoghurts", "non-dairy milks", "anything without gluten": the lists that do not name it.
        var without = FreeOf().IsMatch(q);
        var found = universe.Where(p => p.Allergens is { } a && a.Contains(allergen, StringComparer.OrdinalIgnoreCase) != without).ToList();
        var unknown = universe.Where(p => !p.AllergensKnown).ToList();
        var kind = top is "Fruit" ? "fruit" : top is "Vegetables" ? "vegetables"
            : categories.Count > 0 ? string.Join(", ", categories.Order(StringComparer.Ordinal).Select(c => s_categoryWords.GetValueOrDefault(c, c.ToLowerInvariant().Replace('-', ' ')))) + " products" : "products";
        var named = found.Count == 0
            ? without ? $"Every one of the store's {kind} with an ingredient list names {allergen}." : $"None of the store's {kind} with an ingredient list names {allergen}."
            : $"The store's {kind} whose ingredient lists {(without ? "do not name" : "name")} {allergen}: {string.Join(", ", found.Select(p => DisplayOf(p.Id)))}{(found.Count > 1 ? $" ({found.Count})" : string.Empty)}.";
        var silent = unknown.Count == 0 ? string.Empty
            : unknown.Count <= 4 ? $" The catalog has no ingredient list for {string.Join(", ", unknown.Select(p => DisplayOf(p.Id)))}, so I can't say for {(unknown.Count == 1 ? "it" : "them")}."
            : $" The catalog has no ingredient list for {unknown.Count} of them (mostly loose produce), so I can't say for those.";
        return Answer(QuestionIntent.Allergens, kernel, named + silent, found.Select(p => p.Id));
    }

    // How a request for a list opens, after any filler: "so which", "can you list", "tell me".
    private const string ListLead = @"^\W*(?:(?:so|ok|okay|hey|hi|and|um|uh|please|can you|could you)\W+)*(?:which|what|list|show(?: me)?|name|tell me|(?:i'?m|i am) looking for(?=.*\b(?:options|what (?:do|have) you got)\b))\b";

    // A list or a count of the store's products: "which/what/list ... do you have|sell", "how many kinds of X".
    [GeneratedRegex(ListLead + @"(?=.*\b(?:do you (?:\w+ )?(?:have|sell|stock|carry|got)|have you got|you (?:sell|carry|stock|have)|(?:in|at) (?:the|this|your) (?:store|shop)|the store|for sale|products?|what are my options|options here|(?:all )?your (?!basket|cart|trolley|bag|bill|receipt|total|order)\w+)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CatalogListForm();

    // "Which fruit come from Peru?", "list the vegetables from China": a list by origin or brand, without naming the store.
    [GeneratedRegex(ListLead + @".*\bfrom\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CatalogFromForm();

    // "What country are the kiwis from?", "which farm...": asks a fact of a product, not for a list.
    [GeneratedRegex(@"^\W*(?:\w+\W+)?(?:what|which) (?:country|countries|farm|farms|origin|place|region|brand|company)\b|\bwhere\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FactOfAProduct();

    // "How many Alpro products are there?", "how many Arla items do you stock?" count the store's too, never the basket's.
    [GeneratedRegex(@"\b(?:how many (?:different |kinds? of |types? of |sorts? of |varieties of |(?:[\w-]+ ){1,3}(?=(?:products|items|brands)\b)|(?=(?:[\w-]+ ){0,2}[\w-]+s\b(?=.*\b(?:does the store|do you (?:have|sell|stock|carry)|in (?:the|this) (?:store|shop))\b)))|number of )(?=.*\b(?:do you|does the store|are there|you (?:sell|carry|stock|have)|in (?:the|this) (?:store|shop)|(?:sell|carry|stock))\b)(?!.*\b(?:my|our|the) (?:basket|cart|trolley|bag)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CatalogCountForm();

    [GeneratedRegex(@"\b(?<what>organic|eko|ecological|ekologisk|lactose[- ]free|laktosfri|plant[- ]based|vegan|dairy[- ]free|bigger|larger|smaller|family[- ]size)\b\s+(?:version|variant|alternative|option|one|ones|pack|packs|size|kind|type|sort|bottle|carton)s?\b|\b(?<what>bigger|larger|smaller) (?:pack|packs|size|bottle|carton|one)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionAsked();

    /// <summary>The store's products of <paramref name="named"/>'s kind with the asked property (organic, lactose free, plant based, a bigger or smaller pack); null when none is asked.</summary>
    private RulesAnswer? VersionOf(AssistantKernel kernel, string q, Product named)
    {
        if (VersionAsked().Match(q) is not { Success: true } m)
        {
            return null;
        }

        var asked = m.Groups["what"].Value.ToLowerInvariant();
        static double Size(Product p) => p.VolumeMl ?? p.NetWeightGrams ?? p.UnitWeightGrams;
        Func<Product, bool> has = asked switch
        {
            "organic" or "eko" or "ecological" or "ekologisk" => p => p.Attributes.Organic,
            "lactose-free" or "lactose free" or "laktosfri" => p => p.Attributes.LactoseFree,
            "plant-based" or "plant based" or "vegan" or "dairy-free" or "dairy free" => p => p.Attributes.PlantBased,
            "smaller" => p => Size(p) < Size(named),
            _ => p => Size(p) > Size(named),
        };
        var sameFlavour = asked is "bigger" or "larger" or "smaller" or "family-size" or "family size";
        var kind = catalog.Products.Where(p => p.Id != named.Id && p.CoarseCategory == named.CoarseCategory
            && (!sameFlavour || named.Attributes.Flavour is null || string.Equals(p.Attributes.Flavour, named.Attributes.Flavour, StringComparison.OrdinalIgnoreCase))).ToList();
        var found = kind.Where(has).ToList();
        // The same fat where the kind has it: an organic version of a semi-skimmed milk is a semi-skimmed one.
        if (named.Attributes.FatPercent is { } fat && found.Any(p => p.Attributes.FatPercent == fat))
        {
            found = found.Where(p => p.Attributes.FatPercent == fat).ToList();
        }

        var label = asked.Replace('-', ' ');
        return Answer(QuestionIntent.StoreAvailability, kernel, found.Count == 0
            ? $"No, the store has no {label} version of {DisplayOf(named.Id)}{(kind.Count > 0 ? $" among its {kind.Count + 1} products of that kind" : string.Empty)}."
            : $"Yes: {string.Join("; ", found.Select(p => $"{DisplayOf(p.Id)} at {Money(Pricing.UnitPrice(p))} {p.Price.Currency}{(p.Price.Per == PriceUnit.Kilogram ? " (per typical piece)" : string.Empty)}"))} (demo prices){(has(named) ? $"; {DisplayOf(named.Id)} is {label} too" : string.Empty)}.",
            found.Count == 0 ? [named.Id] : found.Select(p => p.Id).Append(named.Id));
    }

    private RulesAnswer? CatalogList(AssistantKernel kernel, string q)
    {
        var count = CatalogCountForm().IsMatch(q);
        var byOrigin = !count && !CatalogListForm().IsMatch(q) && CatalogFromForm().IsMatch(q);
        if (!count && !byOrigin && !CatalogListForm().IsMatch(q) || FactOfAProduct().IsMatch(q))
        {
            return null;
        }

        var words = BasketResolver.Words(q);
        var filters = new List<(string What, Func<Product, bool> Has)>();
        var brands = catalog.Products.Select(p => p.Brand).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(b => System.Text.RegularExpressions.Regex.IsMatch(q, $@"\b{System.Text.RegularExpressions.Regex.Escape(b)}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();
        if (brands.Count > 0)
        {
            filters.Add(($"from {string.Join(" or ", brands)}", p => brands.Contains(p.Brand ?? string.Empty, StringComparer.OrdinalIgnoreCase)));
        }

        var origins = catalog.Products.Select(p => p.Attributes.Origin).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var country = words.Select(w => s_countryWords.TryGetValue(w, out var c) ? c : origins.FirstOrDefault(o => o.Length >= 4 && string.Equals(o, w, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(c => c is not null);
        if (country is not null && !brands.Any(b => string.Equals(b, country, StringComparison.OrdinalIgnoreCase)))
        {
            filters.Add(($"from {country}", p => string.Equals(p.Attributes.Origin, country, StringComparison.OrdinalIgnoreCase)));
        }

        // Listed "from" something only when that something is a brand or a country of the catalog.
        if (byOrigin && filters.Count == 0)
        {
            return null;
        }

        var top = words.Any(w => w is "fruit" or "fruits" or "frukt") ? "Fruit" : words.Any(w => w is "vegetables" or "vegetable" or "veg" or "veggies" or "grönsaker") ? "Vegetables" : null;
        // "Apple juices": a kind word right before another names the flavour of the second, not a kind of its own.
        var matched = _vocabulary.Find(words);
        var kinds = matched.Where(f => !f.Alias.IsGroup).OrderBy(f => f.Start).ToList();
        var modifiers = kinds.Where(f => kinds.Any(g => g.Start == f.Start + f.Length)).ToList();
        var heads = kinds.Except(modifiers).ToList();
        var categories = heads.SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
        // "Which citrus fruits do you sell?", "what dairy do you have?": a group narrower than fruit or vegetables is
        // the kinds it names, not every fruit.
        var narrowGroups = matched.Where(f => f.Alias.IsGroup && f.Alias.Categories.Count > 0 && !CategoryVocabulary.IsTopGroup(f.Alias)).ToList();
        if (narrowGroups.Count > 0 && heads.Count == 0)
        {
            top = null;
            heads = narrowGroups;
            categories = narrowGroups.SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
        }

        var kindLabel = top?.ToLowerInvariant() ?? (heads.Count > 0 ? string.Join(" or ", heads.Select(h => string.Join(' ', words.Skip(h.Start).Take(h.Length)))) : "products");
        if (top is not null)
        {
            filters.Add((string.Empty, p => p.TopCategory == top));
        }
        else if (categories.Count > 0)
        {
            filters.Add((string.Empty, p => categories.Contains(p.CoarseCategory)));
        }

        // A flavour word that is not the kind itself ("apple juices", "vanilla yoghurts"; not "apples").
        var flavours = words.Where(w => w.Length >= 4 && catalog.Products.Any(p => p.Attributes.Flavour is { } f && f.Split(',', ' ').Any(x => string.Equals(x.Trim(), w, StringComparison.OrdinalIgnoreCase)))
            && !heads.Any(h => words.Skip(h.Start).Take(h.Length).Contains(w)))
            .Concat(modifiers.Select(m => words[m.Start + m.Length - 1].TrimEnd('s'))).Distinct(StringComparer.Ordinal).ToList();
        if (flavours.Count > 0 && categories.Count > 0)
        {
            kindLabel = $"{string.Join(" or ", flavours)} {kindLabel}";
            filters.Add((string.Empty, p => p.Attributes.Flavour is { } f && flavours.Any(w => f.Contains(w, StringComparison.OrdinalIgnoreCase))));
        }

        if (IntentLexicon.Organic().IsMatch(q))
        {
            filters.Add(("organic", p => p.Attributes.Organic));
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:plant[- ]based|vegan)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            filters.Add(("plant based", p => p.Attributes.PlantBased));
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(q, @"\bnot (?:made )?from concentrate\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            filters.Add(("not from concentrate", p => !System.Text.RegularExpressions.Regex.IsMatch(string.Join(' ', p.DisplayName, p.PackName, p.Ingredients), "koncentrat|concentrate", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:plain|natural|unflavou?red)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            filters.Add(("plain", p => System.Text.RegularExpressions.Regex.IsMatch(string.Join(' ', p.DisplayName, p.PackName), @"natural|naturell", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
        }

        // Only a kind (or brand...) narrows: "what do you have?" lists nothing; "what vegetables do you sell" lists them.
        if (filters.Count == 0 || (filters.Count == 1 && filters[0].What.Length == 0 && !count && categories.Count == 0 && top is null))
        {
            return null;
        }

        var found = catalog.Products.Where(p => filters.All(f => f.Has(p))).OrderBy(p => DisplayOf(p.Id), StringComparer.Ordinal).ToList();
        var names = string.Join(", ", found.Select(p => DisplayOf(p.Id)));
        var organic = filters.Any(f => f.What == "organic") ? "organic " : string.Empty;
        var described = string.Join(' ', filters.Select(f => f.What).Where(w => w.Length > 0 && w != "organic"));
        var what = $"{organic}{kindLabel}{(described.Length > 0 ? $" {described}" : string.Empty)}";
        var text = found.Count == 0
            ? $"The store sells no {what}: none of its {catalog.Products.Count} products fits."
            : count
                ? $"The store sells {found.Count} {(found.Count == 1 ? "kind of" : "kinds of")} {what}: {names}."
                : $"The store sells {found.Count} {what}: {names}.";
        return Answer(QuestionIntent.StoreAvailability, kernel, text, found.Select(p => p.Id));
    }

    // "Almond milk", "greek yoghurt", "cherry tomatoes", "red onion", "pineapple juice": a kind of a category the store
    // sells that none of that category's products is (the words before a category noun that no product of it has).
    // Describing words ("fresh", "cheap", "whole"), brands and other categories ("oat milk") are not kinds.
    private string? UnknownKindOfCategory(string q)
    {
        var words = BasketResolver.Words(q);
        for (var i = 1; i < words.Length; i++)
        {
            var noun = words[i];
            var aliases = _vocabulary.Aliases.Where(a => !a.IsGroup && !a.Phrase.Contains(' ') && CategoryVocabulary.Same(noun, a.Phrase)).ToList();
            if (aliases.Count == 0)
            {
                continue;
            }

            // Only a word in a noun phrase: "the almond milk", "a red onion", "almond milk?" - not "grab milks", "har jag onion".
            var modifier = words[i - 1];
            if (i < 2 || !s_determiners.Contains(words[i - 2]) || modifier.Length < 3 || IntentLexicon.Stopwords.Contains(modifier)
                || s_filler.Contains(modifier) || s_describing.Contains(modifier) || modifier.Any(char.IsDigit) || IntentLexicon.Organic().IsMatch(modifier)
                || IntentLexicon.Lactose().IsMatch(modifier) || s_intentWords.Contains(modifier) || _brands.Contains(modifier)
                || _vocabulary.Aliases.Any(a => a.Phrase.Split(' ') is [var m0, var n0] && CategoryVocabulary.Same(modifier, m0) && CategoryVocabulary.Same(noun, n0)))
            {
                continue;
            }

            // The two words name a product ("golden grapefruit juice", "soured milk"): known. A product word that no product
            // of this kind carries ("red onion") is an unknown kind; a slip of a product word ("trpoicana") is the matcher's.
            if (catalog.Products.Any(p => Mentions(p, [modifier]) && Mentions(p, [noun])))
            {
                continue;
            }

            if (catalog.Products.Any(p => Mentions(p, [modifier])) || !_typed.NearProductWord(modifier))
            {
                return $"{modifier} {noun}";
            }
        }

        return null;
    }

    // Flavours a shopper names that are not themselves products here; one no product carries names a product the store lacks.
    [GeneratedRegex(@"\b(?<f>chocolate|choco|caramel|coffee|mocha|cinnamon|mint|coconut|hazelnut|cocoa|toffee|licorice|liquorice|honey|cookies?|pistachio|matcha|chai|almond|cherry|raspberry|lingonberry|rhubarb|passion ?fruit|salted caramel|kiwi)\b(?<rest>(?: [\p{L}-]+){1,3})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlavourPhrase();

    /// <summary>"Oatly chocolate oat drink": a flavour no product of the named kind carries, so a product the store lacks.</summary>
    private string? UnknownFlavour(string q)
    {
        foreach (Match m in FlavourPhrase().Matches(q))
        {
            var flavour = m.Groups["f"].Value.ToLowerInvariant();
            var rest = BasketResolver.Words(m.Groups["rest"].Value).Where(w => !IntentLexicon.Stopwords.Contains(w)).ToArray();
            var kinds = _vocabulary.Find(rest).SelectMany(f => f.Alias.Categories).ToHashSet(StringComparer.Ordinal);
            if (kinds.Count == 0)
            {
                continue;
            }

            bool Carries(Product p) => Mentions(p, [flavour]) || (p.Attributes.Flavour?.Contains(flavour, StringComparison.OrdinalIgnoreCase) ?? false);
            if (!catalog.Products.Any(p => kinds.Contains(p.CoarseCategory) && Carries(p)))
            {
                var phrase = m.Value.Trim().TrimEnd('?', '.', '!', ',', ':');
                return System.Text.RegularExpressions.Regex.Replace(phrase, @"\s+(?:gluten|lactose|organic|vegan|price|cost|free|or|and|is|are|:).*$", string.Empty, RegexOptions.IgnoreCase).ToLowerInvariant();
            }
        }

        return null;
    }

    private static readonly HashSet<string> s_determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "some", "any", "my", "your", "our", "this", "that", "these", "those", "of", "for", "is", "are",
    };

    private static readonly HashSet<string> s_describing = new(StringComparer.OrdinalIgnoreCase)
    {
        "fresh", "ripe", "cheap", "cheaper", "cheapest", "dear", "expensive", "whole", "plain", "regular", "normal", "standard",
        "ordinary", "usual", "big", "small", "large", "little", "cold", "chilled", "cow", "cows", "dairy", "swedish", "local",
        "loose", "nice", "good", "best", "same", "other", "another", "favourite", "favorite", "usual", "healthy", "light", "low",
        "full", "semi", "skimmed", "skim", "fat", "natural", "vegan", "plant", "based", "free", "kind", "sort", "type", "brand",
        "packet", "pack", "carton", "bottle", "bag", "box", "this", "that", "these", "those", "your", "store", "shop", "what",
        "which", "many", "much", "some", "any", "more", "less", "price", "cost", "per", "kilo", "litre", "liter", "gram", "grams",
        "kgs", "total", "sweet", "sour", "soft", "frozen", "dried", "imported", "seasonal", "exotic", "tropical", "green",
    };

    private static readonly HashSet<string> s_intentWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "contain", "contains", "allergy", "allergic", "safe", "gluten", "nuts", "soy", "eggs", "milk", "lactose", "origin", "from",
        "weigh", "weight", "heavy", "much", "many", "organic", "eco", "eko", "cheaper", "cheapest", "compare", "than", "instead",
    };

    /// <summary>"How much for 2 kg of bananas?", "price of 3 yoghurts": the stated amount priced by the one pricing rule.</summary>
    private async Task<RulesAnswer> QuantityPriceAsync(AssistantKernel kernel, AskedQuantity quantity, List<Product> products, CancellationToken ct)
    {
        var parts = new List<string>();
        var cited = new List<string>();
        foreach (var p in products.Take(5))
        {
            var f = await kernel.CallAsync<QuantityPriceFact>(AssistantKernel.PricesPluginName, "price_quantity",
                new KernelArguments { ["productId"] = p.Id, ["amount"] = quantity.Amount, ["unit"] = quantity.Unit.ToString().ToLowerInvariant() }, ct).ConfigureAwait(false);
            if (f is null)
            {
                continue;
            }

            cited.Add(p.Id);
            var what = quantity.Unit == QuantityUnit.Pieces ? $"{Number(quantity.Amount)} × {DisplayOf(p.Id)}" : $"{Amount(quantity)} of {DisplayOf(p.Id)}";
            parts.Add(f.Total is { } total
                ? $"{what} {(f.Estimated ? "costs about" : "costs")} {Money(total)} {f.Currency} ({f.Basis})"
                : $"{DisplayOf(p.Id)} can't be priced by {(quantity.Unit == QuantityUnit.Millilitres ? "volume" : quantity.Unit == QuantityUnit.Grams ? "weight" : "the piece")}: {f.Basis}");
        }

        if (parts.Count == 0)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, "The catalog doesn't say.", products.Select(p => p.Id).ToArray(), QuestionIntent.QuantityPrice, kernel.FactsText);
        }

        var estimated = parts.Any(t => t.Contains("costs about", StringComparison.Ordinal)) ? " Loose produce is charged by what the scale weighs." : string.Empty;
        return Answer(QuestionIntent.QuantityPrice, kernel, Capital(string.Join("; ", parts)) + ". Demo prices." + estimated, cited);
    }

    private static string Amount(AskedQuantity q) => q.Unit switch
    {
        QuantityUnit.Grams => q.Amount >= 1000 ? $"{Number(q.Amount / 1000)} kg" : $"{Number(q.Amount)} g",
        QuantityUnit.Millilitres => q.Amount >= 1000 ? $"{Number(q.Amount / 1000)} l" : $"{Number(q.Amount)} ml",
        _ => Number(q.Amount),
    };

    /// <summary>
    /// The words of <paramref name="q"/> that look like a product name but named nothing the catalog has ("durian" in
    /// "do you sell durian?"); null when every word is a question word, an intent word or a number.
    /// </summary>
    private string? UnfoundName(string q, bool allergenWords = true)
    {
        var words = BasketResolver.Words(WithoutIntentWords(_vocabulary.WithoutProductPhrases(q), allergenWords))
            .Where(w => w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w) && !s_filler.Contains(w) && !w.Any(char.IsDigit) && !_vocabulary.IsCategoryWord(w) && !IsCountryWord(w))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    // The question's own words that could name a product: not question, intent or filler words, not numbers.
    private static IEnumerable<string> ContentWords(string q) =>
        BasketResolver.Words(WithoutIntentWords(q, allergenWords: false)).Where(w => w.Length >= 3 && !IntentLexicon.Stopwords.Contains(w) && !s_filler.Contains(w) && !w.Any(char.IsDigit)).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="q"/> without the words that ask something (price, weight, allergen, organic... families), so
    /// what is left can only name a product. <paramref name="allergenWords"/>: also the bare allergen words ("eggs"),
    /// which a store question may use as the product itself.
    /// </summary>
    private static string WithoutIntentWords(string q, bool allergenWords)
    {
        var rest = q;
        foreach (var family in allergenWords ? s_intentFamilies : s_intentFamilies.AsSpan(0, s_intentFamilies.Length - IntentLexicon.AllergenWords.Count))
        {
            // "Price of the eggs": without the allergen words, the allergen family may take only its asking words.
            rest = (allergenWords || family != s_allergenFamily ? family : AllergenAskWords()).Replace(rest, " ");
        }

        return rest;
    }

    private static readonly HashSet<string> s_filler = new(StringComparer.Ordinal)
    {
        "fresh", "today", "tonight", "right", "still", "left", "nice", "good", "ripe", "local", "loose", "big", "small", "large",
        "little", "kinds", "sort", "sorts", "types", "variety", "varieties", "brand", "brands", "anymore", "ones", "thanks",
        "please", "guys", "folks", "bother", "bothering", "disturb", "interrupt", "excuse", "wondering", "wonder", "curious", "quick", "aisle", "shelf", "shelves", "stocked", "around", "even", "looking", "need",
        "carrry", "hej", "finns", "det", "shop", "store", "want", "wanted", "anyone", "sorry", "hey", "hello", "rush",
        "them", "they", "those", "these", "cheers", "thx", "tack", "pls", "plz", "really", "actually",
    };

    private static readonly Regex s_allergenFamily = IntentLexicon.Allergens();

    [GeneratedRegex(@"\b(?:allerg\w*|contain\w*|free from|safe for|intoleran\w*|coeliac|celiac|innehåller|traces? of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllergenAskWords();

    private static readonly Regex[] s_intentFamilies =
    [
        IntentLexicon.Price(), IntentLexicon.Weight(), IntentLexicon.Volume(), s_allergenFamily,
        IntentLexicon.Ingredients(), IntentLexicon.Organic(), IntentLexicon.Lactose(), IntentLexicon.PlantBased(), IntentLexicon.Fat(),
        IntentLexicon.Flavour(), IntentLexicon.Compare(), IntentLexicon.Total(), IntentLexicon.UnknownFact(),
        ..IntentLexicon.AllergenWords.Select(a => a.Pattern),
    ];
}
