using System.Globalization;
using System.Text;
using BasketReasoner.Assistant.Plugins;
using BasketReasoner.Assistant.Understanding;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Baskets;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Catalog.Reference;
using BasketReasoner.Core.Catalog.Search;
using Microsoft.SemanticKernel;

namespace BasketReasoner.Assistant;

/// <summary>The rules stage, product-facts aspect: allergens, ingredients and descriptions, reference products.</summary>
internal sealed partial class RulesAnswerer
{
    private RulesAnswer Allergens(AssistantKernel kernel, string q, List<Product> products)
    {
        // "Does the milk contain gluten?": the allergen asked about follows "contain" / "free" / "allergic to".
        var tail = System.Text.RegularExpressions.Regex.Match(q, @"\b(?:contain\w*|free|allerg\w* to|safe for|innehåller|intoleran\w*)\b(.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var askedText = tail.Success && IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(tail.Groups[1].Value)) ? tail.Groups[1].Value : q;
        var asked = IntentLexicon.AllergenWords.Where(a => a.Pattern.IsMatch(askedText)).Select(a => a.Allergen).Distinct().ToArray();
        // "Is there gluten in the organic milk?": "milk" names the product, gluten is what is asked. The product's own
        // name words ask nothing unless nothing else does ("is there milk in the Arla milk?").
        var beyondNames = WithoutNameWords(askedText, products);
        var askedBeyondNames = IntentLexicon.AllergenWords.Where(a => a.Pattern.IsMatch(beyondNames)).Select(a => a.Allergen).Distinct().ToArray();
        if (askedBeyondNames.Length > 0)
        {
            asked = askedBeyondNames;
        }

        // "Can I eat it with a soy allergy?" asks whether it is safe: yes means it does not contain the allergen.
        var safeForm = System.Text.RegularExpressions.Regex.IsMatch(q, @"^\W*(?:can|could|may|is it (?:safe|ok|okay|fine)|are they (?:safe|ok|okay|fine)|is (?:it|this|that|the \w+) (?:safe|ok|okay|fine))\b|\b(?:safe|ok|okay|fine) for\b|\b(?:gluten|dairy|nut|nuts|peanut|soy|egg)[- ]free\b|\bfree (?:of|from)\b|\b(?:is|are) (?:it|this|that|they|the [\w\s'-]{1,40}?) (?:safe|ok|okay|fine|alright|suitable)\b|\b(?:can'?t|cannot|can not|shouldn'?t) (?:eat|have|drink|tolerate)\b|\bshould (?:i|we) avoid\b|\b(?:can|could|may) (?:he|she|they|we|i|her|him|my \w+|the kids?|kids|the baby|someone|somebody)(?: \w+){0,5} (?:have|eat|drink|take)\b|\b(?:has|have|contains?|containing|with) no\b|\b(?:milk|dairy|gluten|soy|nut|egg)[- ]free\b|\bno \w+ at all\b|\b(?:safe|ok|okay|fine|alright)\W*$|\bsafe for\b|\b(?:säker|säkert|säkra|okej|ok att äta)\b|\b(?:kan|får) (?:jag|vi|han|hon|de|barnen|mitt barn) (?:\w+ ){0,3}(?:äta|dricka)\b|\b(?:tål|tåla)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        // "Does the mandarin juice contain apple?", "allergic to apples, is it safe?": not an allergen the catalog tracks,
        // so the ingredient list itself answers; "names none of the 14 EU allergens" would be a dangerous "no".
        if (asked.Length == 0 && IngredientWords.Asked(q) is { } food)
        {
            return IngredientAnswer(kernel, food, products, safeForm);
        }

        var parts = new List<string>();
        var unknown = new List<Product>();
        var cited = new List<string>();
        foreach (var p in products)
        {
            if (p.Allergens is not { } list)
            {
                unknown.Add(p);
                continue;
            }

            if (asked.Length == 0)
            {
                // "Does it contain any allergens?" is a yes/no question: answer it first.
                var anyAsked = products.Count == 1 && System.Text.RegularExpressions.Regex.IsMatch(q, @"^\W*(?:does|do|is|are|has|have|any)\b|\bany allergens?\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                parts.Add(list.Count == 0
                    ? $"{(anyAsked ? "No, the" : "The")} ingredient list of {Display(p)} names none of the 14 EU allergens"
                    : $"{(anyAsked ? "Yes, " : string.Empty)}{Display(p)} contains {string.Join(", ", list)}");
                cited.Add(p.Id);
                continue;
            }

            var has = asked.Where(list.Contains).ToArray();
            var hasNot = asked.Except(has).ToArray();
            if (has.Length > 0)
            {
                parts.Add($"{(safeForm ? "No" : "Yes")}, {Display(p)} contains {string.Join(", ", has)}");
                cited.Add(p.Id);
            }

            if (hasNot.Length > 0 && (products.Count == 1 || has.Length > 0))
            {
                parts.Add($"{(has.Length == 0 ? (safeForm ? "Yes, the" : "No, the") : "The")} ingredient list of {Display(p)} does not name {string.Join(", ", hasNot)}");
                cited.Add(p.Id);
            }
        }

        if (products.Count > 1 && asked.Length > 0 && parts.Count == 0)
        {
            var known = products.Where(p => p.AllergensKnown).ToArray();
            if (known.Length > 0)
            {
                parts.Add($"None of {string.Join(", ", known.Select(p => Display(p)))} lists {string.Join(", ", asked)}");
                cited.AddRange(known.Select(p => p.Id));
            }
        }

        if (unknown.Count > 0)
        {
            parts.Add($"the catalog has no ingredient list for {string.Join(", ", unknown.Select(p => Display(p)))}, so I can't say (unknown)");
        }

        var text = string.Join(". ", parts) + ".";
        text = char.ToUpperInvariant(text[0]) + text[1..];
        var kind = cited.Count == 0 ? ShopperAnswerKind.Unknown : ShopperAnswerKind.Answered;
        return new RulesAnswer(kind, text, cited.Count == 0 ? unknown.Select(p => p.Id).ToArray() : cited.Distinct().ToArray(), QuestionIntent.Allergens, kernel.FactsText);
    }

    private RulesAnswer IngredientAnswer(AssistantKernel kernel, string food, List<Product> products, bool safeForm)
    {
        var known = IngredientWords.TryPattern(food, out var pattern);
        // "Does the oat yoghurt contain potato?" finds the potatoes too: the food asked is not a product asked about.
        var asked = products.Where(p => !(p.Ingredients is null && BasketResolver.Words($"{p.ShopperName} {p.CoarseCategory}").Any(w => w.StartsWith(food, StringComparison.Ordinal)))).ToList();
        products = asked.Count > 0 ? asked : products;
        var parts = new List<string>();
        var cited = new List<string>();
        var unsure = false;
        foreach (var p in products)
        {
            cited.Add(p.Id);
            if (p.Ingredients is not { Length: > 0 } list)
            {
                parts.Add($"the catalog has no ingredient list for {Display(p)}, so I can't say whether it contains {food}");
                unsure = true;
                continue;
            }

            if (pattern.Match(list) is { Success: true } m)
            {
                parts.Add($"{(products.Count == 1 ? safeForm ? "No, the" : "Yes, the" : "The")} ingredient list of {Display(p)} names {food} (\"{ListItemAround(list, m.Index)}\")");
            }
            else if (known)
            {
                // Not a tracked allergen: the list is all there is, so a safety question gets the list, not a "yes".
                parts.Add(safeForm
                    ? $"The ingredient list of {Display(p)} does not name {food} (\"{list.Trim()}\"); {food} is not one of the 14 EU allergens the catalog tracks, so for an allergy please check the pack"
                    : $"{(products.Count == 1 ? "No, the" : "The")} ingredient list of {Display(p)} does not name {food} (\"{list.Trim()}\")");
            }
            else
            {
                parts.Add($"I can't tell whether {Display(p)} contains {food}: its ingredient list (\"{list.Trim()}\") doesn't name it in a form I know, and {food} is not one of the 14 EU allergens the catalog tracks; please check the pack");
                unsure = true;
            }
        }

        var text = string.Join(". ", parts) + ".";
        text = char.ToUpperInvariant(text[0]) + text[1..];
        return new RulesAnswer(unsure && products.Count == 1 ? ShopperAnswerKind.Unknown : ShopperAnswerKind.Answered, text, cited.ToArray(), QuestionIntent.Ingredients, kernel.FactsText);
    }

    private static readonly Dictionary<string, string> s_countryWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["usa"] = "USA", ["america"] = "USA", ["american"] = "USA", ["uk"] = "United Kingdom", ["england"] = "United Kingdom", ["british"] = "United Kingdom",
        ["sweden"] = "Sweden", ["spain"] = "Spain", ["italy"] = "Italy", ["france"] = "France", ["germany"] = "Germany", ["netherlands"] = "Netherlands",
        ["peru"] = "Peru", ["chile"] = "Chile", ["brazil"] = "Brazil", ["morocco"] = "Morocco", ["israel"] = "Israel", ["turkey"] = "Turkey",
        ["greece"] = "Greece", ["colombia"] = "Colombia", ["argentina"] = "Argentina", ["china"] = "China", ["india"] = "India", ["kenya"] = "Kenya",
        ["mexico"] = "Mexico", ["egypt"] = "Egypt", ["portugal"] = "Portugal", ["belgium"] = "Belgium", ["denmark"] = "Denmark", ["norway"] = "Norway",
        ["finland"] = "Finland", ["poland"] = "Poland", ["ireland"] = "Ireland", ["austria"] = "Austria", ["thailand"] = "Thailand", ["vietnam"] = "Vietnam",
        ["sverige"] = "Sweden", ["sweeden"] = "Sweden", ["swedan"] = "Sweden", ["spanien"] = "Spain", ["italien"] = "Italy",
        ["nederländerna"] = "Netherlands", ["tyskland"] = "Germany", ["danmark"] = "Denmark", ["frankrike"] = "France",
        ["equador"] = "Ecuador", ["ecuador"] = "Ecuador", ["columbia"] = "Colombia", ["brasil"] = "Brazil", ["marocko"] = "Morocco",
        ["sydafrika"] = "South Africa", ["grekland"] = "Greece", ["turkiet"] = "Turkey", ["kina"] = "China", ["indien"] = "India",
        ["swedish"] = "Sweden", ["svensk"] = "Sweden", ["svenska"] = "Sweden", ["svenskt"] = "Sweden", ["spanish"] = "Spain",
        ["italian"] = "Italy", ["dutch"] = "Netherlands", ["holland"] = "Netherlands", ["danish"] = "Denmark", ["german"] = "Germany",
        ["french"] = "France", ["polish"] = "Poland", ["norwegian"] = "Norway", ["finnish"] = "Finland", ["peruvian"] = "Peru",
        ["chilean"] = "Chile", ["brazilian"] = "Brazil", ["moroccan"] = "Morocco", ["israeli"] = "Israel", ["turkish"] = "Turkey",
        ["greek"] = "Greece", ["colombian"] = "Colombia", ["ecuadorian"] = "Ecuador", ["argentinian"] = "Argentina",
        ["argentine"] = "Argentina", ["chinese"] = "China", ["indian"] = "India", ["kenyan"] = "Kenya", ["mexican"] = "Mexico",
        ["egyptian"] = "Egypt", ["portuguese"] = "Portugal", ["belgian"] = "Belgium",
    };

    // "Is the cucumber from Sweden?", "are the peaches Swedish?", "svensk? the oranges": yes or no against the
    // catalog's origin; else where it comes from.
    private static string OriginFact(Product p, string origin, string q)
    {
        string? country = null;
        foreach (var w in System.Text.RegularExpressions.Regex.Split(q.ToLowerInvariant(), @"[^\p{L}]+"))
        {
            if (s_countryWords.TryGetValue(w, out var c))
            {
                country = c;
                break;
            }
        }

        if (country is null && System.Text.RegularExpressions.Regex.Match(q, @"^\W*(?:\w+\W+)?(?:is|are|was|were|does|do)\b.*\b(?:from|grown in|made in|produced in|come from|comes from)\s+(?:the\s+)?(\p{L}[\p{L} ]{1,30}?)\W*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } asked)
        {
            country = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(asked.Groups[1].Value.Trim().ToLowerInvariant());
        }

        if (country is null)
        {
            return $"{Display(p)} comes from {origin}";
        }

        // "Is the juice from concentrate?": what its name and ingredient list say, not a country.
        if (System.Text.RegularExpressions.Regex.IsMatch(country, @"concentrate|koncentrat", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            var label = string.Join(' ', p.DisplayName, p.PackName, p.Ingredients);
            return System.Text.RegularExpressions.Regex.IsMatch(label, @"koncentrat|concentrate", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                ? $"Yes, {Display(p)} is made from concentrate (its label says so)"
                : $"No, {Display(p)} is not labelled as made from concentrate";
        }

        // "Is the yoghurt from Arla?" asks the maker, not a country.
        if (p.Brand is { } brand && string.Equals(country, brand, StringComparison.OrdinalIgnoreCase))
        {
            return $"Yes, {Display(p)} is made by {brand}";
        }

        // "Sweeden", "Equadorr": a slip in the country's name is still that country.
        return string.Equals(country, origin, StringComparison.OrdinalIgnoreCase) || origin.Contains(country, StringComparison.OrdinalIgnoreCase)
            || (country.Length >= 5 && Understanding.CategoryVocabulary.Same(country.ToLowerInvariant(), origin.ToLowerInvariant()))
            ? $"Yes, {Display(p)} comes from {origin}"
            : $"No, {Display(p)} comes from {origin}, not {country}";
    }

    // "More than 1% fat?", "under 2 percent fat": a yes/no against the catalog's fat percentage.
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?<dir>more than|over|above|higher than|at least|less than|under|below|lower than|at most)\s+(?<n>\d+(?:[.,]\d+)?)\s*(?:%|percent|per cent)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FatThreshold();

    private static string FatVerdict(double fat, string direction, double n)
    {
        var d = direction.ToLowerInvariant();
        var holds = d switch
        {
            "at least" => fat >= n,
            "at most" => fat <= n,
            "less than" or "under" or "below" or "lower than" => fat < n,
            _ => fat > n,
        };
        return holds ? "Yes" : "No";
    }

    private RulesAnswer ProductFacts(AssistantKernel kernel, QuestionIntent intent, List<Product> products, string q)
    {
        // "Does it contain lactose?" wants yes for lactose; "is it lactose free?" / "can I have it?" want yes for none.
        var asksContains = intent == QuestionIntent.LactoseFree && IntentLexicon.AsksLactosePresent(q);
        var parts = new List<string>();
        var cited = new List<string>();
        var unknown = new List<string>();
        foreach (var p in products)
        {
            string? fact = intent switch
            {
                QuestionIntent.UnitWeight => p.IsLoose
                    ? $"one {Display(p)} weighs about {Grams(p.UnitWeightGrams)} g{(p.UnitWeightEstimated ? " (a typical weight; the catalog estimates it)" : string.Empty)}; it is sold by weight"
                    : $"{Display(p)} weighs {Grams(p.UnitWeightGrams)} g per unit with packaging{(p.NetWeightGrams is { } net ? $" (net {Grams(net)} g)" : p.VolumeMl is { } ml ? $" ({Grams(ml)} ml)" : string.Empty)}{(p.UnitWeightEstimated ? " (estimated)" : string.Empty)}",
                QuestionIntent.Volume when System.Text.RegularExpressions.Regex.IsMatch(q, @"\b(?:dl|decilit\w*)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) && p.VolumeMl is { } dl
                    => $"{Display(p)} holds {(dl / 100).ToString("0.##", Inv)} dl ({Grams(dl)} ml)",
                QuestionIntent.Volume => p.VolumeMl is { } v ? $"{Display(p)} holds {Grams(v)} ml ({(v / 1000).ToString("0.##", Inv)} l)"
                    : p.NetWeightGrams is { } n ? $"{Display(p)} has no declared volume; its net weight is {Grams(n)} g" : null,
                QuestionIntent.Ingredients => p.Ingredients is { } i ? $"{Display(p)} ingredients: {i}" : null,
                QuestionIntent.Organic => p.Attributes.Organic ? $"Yes, {Display(p)} is organic" : $"No, {Display(p)} is not labelled organic",
                QuestionIntent.LactoseFree when asksContains => p.Attributes.LactoseFree ? $"No, {Display(p)} is lactose free"
                    : p.Allergens is { } c ? (c.Contains("milk") ? $"Yes, {Display(p)} contains milk and is not lactose free" : $"No, {Display(p)} contains no milk according to its ingredient list") : null,
                QuestionIntent.LactoseFree => p.Attributes.LactoseFree ? $"Yes, {Display(p)} is lactose free"
                    : p.Allergens is { } a ? (a.Contains("milk") ? $"No, {Display(p)} is not lactose free: it contains milk" : $"Yes, {Display(p)} contains no milk according to its ingredient list, so it has no lactose") : null,
                QuestionIntent.PlantBased => p.Attributes.PlantBased ? $"Yes, {Display(p)} is plant based"
                    : p.Allergens is { } a2 && a2.Contains("milk") ? $"No, {Display(p)} is not plant based: it contains milk"
                    : p.Allergens is { } a3 && !a3.Any(x => x is "milk" or "eggs" or "fish" or "crustaceans" or "molluscs")
                        ? $"No, {Display(p)} is not labelled plant based, though its ingredient list names no milk, eggs, fish or shellfish"
                    : p.Allergens is not null ? $"No, {Display(p)} is not labelled plant based"
                    : p.TopCategory is "Fruit" or "Vegetables" ? $"Yes, {Display(p)} is fresh produce (a plant)" : null,
                QuestionIntent.Fat when p.Attributes.FatPercent is { } ft && FatThreshold().Match(q) is { Success: true } th
                    => FatVerdict(ft, th.Groups["dir"].Value, double.Parse(th.Groups["n"].Value.Replace(',', '.'), Inv)) + $", {Display(p)} has {ft.ToString("0.##", Inv)}% fat",
                QuestionIntent.Fat => p.Attributes.FatPercent is { } f ? $"{Display(p)} has {f.ToString("0.##", Inv)}% fat" : null,
                QuestionIntent.Flavour => p.Attributes.Flavour is { } fl ? $"{Display(p)} tastes of {fl}" : null,
                QuestionIntent.Origin => p.Attributes.Origin is { } o ? OriginFact(p, o, q) : null,
                QuestionIntent.Brand => p.Brand is { } brand ? $"{Display(p)} is made by {brand}" : null,
                _ => Describe(p),
            };
            if (fact is null)
            {
                unknown.Add(Display(p));
            }
            else
            {
                parts.Add(fact);
                cited.Add(p.Id);
            }
        }

        if (parts.Count == 0)
        {
            return new RulesAnswer(ShopperAnswerKind.Unknown, $"The catalog doesn't say for {string.Join(", ", unknown)}.", products.Select(p => p.Id).ToArray(), intent, kernel.FactsText);
        }

        if (unknown.Count > 0)
        {
            parts.Add($"the catalog doesn't say for {string.Join(", ", unknown)}");
        }

        var text = string.Join("; ", parts) + ".";
        return Answer(intent, kernel, char.ToUpperInvariant(text[0]) + text[1..], cited);
    }

    private string Describe(Product p)
    {
        var sb = new StringBuilder($"{Display(p)}: {Money(p.Price.Amount)} {p.Price.Currency} {(p.Price.Per == PriceUnit.Kilogram ? "per kg" : "per unit")} (demo price), {Grams(p.UnitWeightGrams)} g per unit");
        if (p.Attributes.Origin is { } o)
        {
            sb.Append($", from {o}");
        }

        if (p.Attributes.Organic)
        {
            sb.Append(", organic");
        }

        if (p.Allergens is { Count: > 0 } a)
        {
            sb.Append($", contains {string.Join(", ", a)}");
        }

        return sb.ToString();
    }

    private async Task<RulesAnswer> ReferenceAsync(AssistantKernel kernel, string id, QuestionIntent intent, CancellationToken ct)
    {
        var r = await kernel.CallAsync<ReferenceProduct>(AssistantKernel.FactsPluginName, "get_reference_product", new KernelArguments { ["id"] = id }, ct).ConfigureAwait(false);
        if (r is null)
        {
            return Declined(intent);
        }

        var sb = new StringBuilder($"{r.Name}{(r.Brands is { } b ? $" ({b})" : string.Empty)} is not sold by this store; Open Food Facts lists it");
        if (r.Quantity is { } qty)
        {
            sb.Append($" as {qty}");
        }

        sb.Append('.');
        switch (intent)
        {
            case QuestionIntent.Allergens or QuestionIntent.LactoseFree or QuestionIntent.PlantBased:
                // An empty allergen field on Open Food Facts is a blank a volunteer left, not a declaration ("Semola di grano
                // duro" is wheat): never read as "free from".
                sb.Append(r.Allergens is { Count: > 0 } a ? $" Allergens: {string.Join(", ", a)}." : " Its Open Food Facts entry declares no allergens, which does not mean it has none, so I can't say; please check the pack.");
                if (r.Ingredients is { Length: > 0 } ingredients)
                {
                    sb.Append($" Ingredients as listed there: {ingredients}");
                }

                if (r.Traces.Count > 0)
                {
                    sb.Append($" May contain traces of {string.Join(", ", r.Traces)}.");
                }

                break;
            case QuestionIntent.Ingredients:
                sb.Append(r.Ingredients is { } i ? $" Ingredients: {i}" : " Its ingredients are unknown.");
                break;
            case QuestionIntent.Price or QuestionIntent.Total:
                sb.Append(" The store has no price for it.");
                break;
            default:
                if (r.EnergyKcalPer100g is { } kcal)
                {
                    sb.Append($" Per 100 g: {kcal.ToString("0.#", Inv)} kcal");
                    if (r.FatPer100g is { } fat)
                    {
                        sb.Append($", {fat.ToString("0.#", Inv)} g fat");
                    }

                    sb.Append('.');
                }

                if (r.Allergens is { Count: > 0 } al)
                {
                    sb.Append($" Allergens: {string.Join(", ", al)}.");
                }

                break;
        }

        return new RulesAnswer(ShopperAnswerKind.Answered, sb.ToString(), [r.Id], intent, kernel.FactsText);
    }

    /// <summary>
    /// "Is the oat milk made by Arla?": yes or no for the products asked about, and the maker. "Is the apple juice from God
    /// Morgon?" with no apple juice in the basket is the store's God Morgon one; with the basket's own Bravo one, it and the other.
    /// </summary>
    private RulesAnswer BrandAsked(AssistantKernel kernel, string brand, string q, List<Product> products, string[] basketIds)
    {
        bool ByBrand(Product p) => string.Equals(p.Brand, brand, StringComparison.OrdinalIgnoreCase);
        var categories = products.Select(p => p.CoarseCategory).ToHashSet(StringComparer.Ordinal);
        var branded = products.Any(ByBrand) ? [] : catalog.Products.Where(p => categories.Contains(p.CoarseCategory) && ByBrand(p)).ToList();
        // Of the brand's products, the ones the question's own words name ("apple" of "the apple juice").
        var asked = ContentWords(q).ToArray();
        var scores = branded.Select(p => asked.Count(w => Mentions(p, [w]))).ToList();
        branded = branded.Count > 1 && scores.Max() > scores.Min() ? branded.Where((_, i) => scores[i] == scores.Max()).ToList() : branded;
        var inBasket = products.Where(p => basketIds.Contains(p.Id)).ToList();
        if (branded.Count > 0 && inBasket.Count == 0)
        {
            products = branded;
        }

        var facts = products.Select(p => p.Brand is null ? $"the catalog doesn't name the maker of {Display(p)}"
            : string.Equals(p.Brand, brand, StringComparison.OrdinalIgnoreCase) ? $"{(products.Count == 1 ? "Yes, " : string.Empty)}{Display(p)} is made by {p.Brand}"
            : $"{(products.Count == 1 ? "No, " : string.Empty)}{Display(p)} is made by {p.Brand}, not {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(brand)}");
        var brandText = string.Join("; ", facts) + (branded.Count > 0 && inBasket.Count > 0 ? $"; the store also sells {Names(branded.Select(p => p.Id))}" : string.Empty) + ".";
        return Answer(QuestionIntent.Brand, kernel, char.ToUpperInvariant(brandText[0]) + brandText[1..], products.Select(p => p.Id).Concat(inBasket.Count > 0 ? branded.Select(p => p.Id) : []));
    }

    /// <summary>The brand a question asks about ("made by Arla", "from Oatly"), when it is one the store sells.</summary>
    private System.Text.RegularExpressions.Match? AskedBrand(string q)
    {
        foreach (System.Text.RegularExpressions.Match m in BrandPredicate().Matches(q))
        {
            var words = m.Groups["brand"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words.All(w => catalog.Products.Any(p => p.Brand is { } b && b.Split(' ').Contains(w, StringComparer.OrdinalIgnoreCase))))
            {
                return m;
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:made|produced|manufactured|packed|sold|brewed|pressed)? ?(?:by|from) (?<brand>\p{L}+(?: morgon)?)(?= ?(?:\?|!|\.|$|,| or | and | brand| product))", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BrandPredicate();
}
