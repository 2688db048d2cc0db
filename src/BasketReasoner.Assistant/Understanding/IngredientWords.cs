using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Foods and additives a shopper asks about that are not among the 14 EU allergens the catalog tracks ("does the
/// mandarin juice contain apple?", "I'm allergic to apples, is it safe?"): the word asked, and how the catalog's
/// ingredient lists write it (mostly Swedish, sometimes Norwegian, Danish or English, often inside a compound:
/// "äppelpuré", "potatisstärkelse"). Such a question is answered from the ingredient list itself, never from the
/// allergen list, which says nothing about apples.
/// </summary>
internal static partial class IngredientWords
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // English (singular) -> the stems an ingredient list uses. Stems match inside compounds; short or ambiguous ones
    // are anchored ("grape" alone is grapefruit in Swedish: "röd grapejuice").
    private static readonly Dictionary<string, string> s_stems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apple"] = @"äppl|äppel|eple|æble|\bapples?\b", ["grape"] = @"druv|druer|\bgrapes\b", ["grapefruit"] = @"grapefrukt|grapejuice|grape-|grapefruit|greippi",
        ["orange"] = @"apelsin|appelsin|\boranges?\b", ["mandarin"] = @"mandarin", ["lemon"] = @"citron|\blemons?\b", ["lime"] = @"\blime",
        ["sugar"] = @"socker|sugar|sukker|sötningsmedel", ["oat"] = @"havre|\boats?\b", ["salt"] = @"\bsalt\b|natrium", ["sodium"] = @"\bsalt\b|natrium|sodium",
        ["vanilla"] = @"vanilj|vanilla", ["pulp"] = @"fruktkött|pulp", ["vitamin c"] = @"askorbinsyra|vitamin c\b|ascorbic|c-vitamin",
        ["kiwi"] = @"kiwi", ["melon"] = @"melon", ["avocado"] = @"avokado|avocado", ["plum"] = @"plommon|\bplums?\b", ["nectarine"] = @"nektarin|nectarine",
        ["papaya"] = @"papaya", ["pomegranate"] = @"granatäpple|pomegranate", ["lingonberry"] = @"lingon", ["blackcurrant"] = @"vinbär|currant",
        ["banana"] = @"banan", ["pineapple"] = @"ananas|pineapple", ["mango"] = @"mango", ["peach"] = @"persik|peach", ["pear"] = @"päron|\bpears?\b",
        ["strawberry"] = @"jordgubb|strawberr", ["blueberry"] = @"blåbär|blueberr", ["raspberry"] = @"hallon|raspberr", ["cherry"] = @"körsbär|cherr",
        ["passion fruit"] = @"passionsfrukt|passion", ["potato"] = @"potatis|potato", ["rapeseed"] = @"raps|rapeseed|canola", ["canola"] = @"raps|rapeseed|canola",
        ["sunflower"] = @"solros|sunflower", ["rapeseed oil"] = @"rapsolja|raps|rapeseed|canola", ["sunflower oil"] = @"solrosolja|solros|sunflower",
        ["coconut oil"] = @"kokosolja|kokos|coconut", ["olive oil"] = @"olivolja|olive", ["palm"] = @"palm", ["palm oil"] = @"palm", ["starch"] = @"stärkelse|starch", ["gelatin"] = @"gelatin",
        ["gelatine"] = @"gelatin", ["pectin"] = @"pektin|pectin", ["corn"] = @"majs|\bcorn\b|maize", ["maize"] = @"majs|\bcorn\b|maize",
        ["coconut"] = @"kokos|coconut", ["cocoa"] = @"kakao|cocoa", ["chocolate"] = @"choklad|chocolate", ["honey"] = @"honung|honey",
        ["yeast"] = @"jäst|yeast", ["water"] = @"vatten|\bwater\b", ["cream"] = @"grädde|gräddfil|\bcream\b", ["lactase"] = @"laktas|lactase",
        ["culture"] = @"kultur|culture", ["flavour"] = @"arom|flavou?r", ["flavoring"] = @"arom|flavou?r", ["flavouring"] = @"arom|flavou?r",
        ["aroma"] = @"arom", ["colour"] = @"färg|colou?r", ["coloring"] = @"färg|colou?r", ["colouring"] = @"färg|colou?r",
        ["preservative"] = @"konserveringsmedel|preservative|sorbat|bensoat|benzoate", ["sweetener"] = @"sötningsmedel|sweetener|aspartam|sukralos|acesulfam",
        ["thickener"] = @"förtjockningsmedel|thicken|stärkelse|pektin|guarkärnmjöl", ["stabiliser"] = @"stabiliseringsmedel|stabili[sz]er",
        ["alcohol"] = @"alkohol|alcohol", ["caffeine"] = @"koffein|caffeine", ["pea"] = @"ärt|\bpeas?\b", ["rice"] = @"\bris\b|\brice\b",
        ["tomato"] = @"tomat", ["garlic"] = @"vitlök|garlic", ["onion"] = @"(?<!vit)lök|onion", ["carrot"] = @"morot|morötter|carrot",
        ["pork"] = @"fläsk|gris|\bpork\b", ["beef"] = @"nötkött|\bbeef\b", ["meat"] = @"kött(?!s)|\bmeat\b", ["oil"] = @"olja|\boil\b",
        ["vinegar"] = @"vinäger|ättika|vinegar", ["fibre"] = @"fiber|fibre", ["fiber"] = @"fiber|fibre", ["calcium"] = @"kalcium|calcium",
        ["iron"] = @"\bjärn|\biron\b", ["vitamin"] = @"vitamin", ["acid"] = @"syra|acid", ["citric acid"] = @"citronsyra|citric",
        ["additive"] = @"\bE ?\d{3}|konserveringsmedel|förtjockningsmedel|stabiliseringsmedel|surhetsreglerande|antioxidant|emulgeringsmedel",
    };

    // Words after "contain" / "allergic to" that name no ingredient.
    private static readonly HashSet<string> s_notFood = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "this", "that", "them", "they", "any", "anything", "something", "allergens", "allergen", "ingredients", "ingredient",
        "stuff", "things", "which", "what", "the", "a", "an", "some", "traces", "trace", "free", "me", "my", "our", "us", "too", "also",
    };

    [GeneratedRegex(@"\b(?:contains?|containing|made (?:with|from|of)|allergic to|allerg(?:y|ies) to|intolerant to|sensitive to|is there|are there)\s+(?:any |some |traces? of |a |an |real )*(?<w>vitamin c|\p{L}+(?: (?:oil|fruit|acid))?)|\b(?<w>\p{L}{3,})[- ]allerg(?:y|ies)\b|\bno (?<w>\p{L}+(?: (?:oil|fruit|acid))?) in (?:it|them|there|this|that)\b|\b(?:got|have|has) (?:any |some )(?<w>\p{L}+(?: (?:oil|fruit|acid))?)(?: starch)? in (?:it|them|there|this|that)\b", Options)]
    private static partial Regex AskedPhrase();

    // What a product holds, asked outright: "is there strawberries in the Yoggi yoghurt?", "has no rapeseed oil in it,
    // right?", "does it contain apple?" - not "is there a banana in my basket?".
    [GeneratedRegex(@"\b(?:is|are) there (?:any |some )?\p{L}+(?: oil)? in (?!(?:here|there|stock)\b|(?:my|our|the|your|this) (?:basket|cart|trolley|bag|store|shop|order)\b)|\b(?:got|have|has) (?:any |some )\p{L}+(?: (?:oil|fruit|acid|starch))? in (?:it|them|this|that)\b|\bno \p{L}+(?: (?:oil|fruit|acid))? in (?:it|them|there|this|that)\b|\bcontains?\b|\bmade (?:with|from|of)\b", Options)]
    private static partial Regex ContainmentAsked();

    // "How much sugar is in the Valio yoghurt, in percent?", "what percentage of the juice is orange juice?".
    [GeneratedRegex(@"\bhow much (?<w>\p{L}+)(?: juice)? (?:is |are )?(?:there )?in\b|\bwhat (?:percentage|percent|per cent|share|proportion) of .+? (?:is|are) (?<w>\p{L}+)(?: juice)?\b|\b(?<w>\p{L}+)(?: juice)? (?:content|percentage|share)\b", Options)]
    private static partial Regex ShareAsked();

    /// <summary>The food whose share of a product is asked ("how much sugar is in X, in percent?"), with its list pattern; null otherwise.</summary>
    public static (string Food, Regex Pattern)? ShareOf(string question)
    {
        if (ShareAsked().Match(question) is not { Success: true } m)
        {
            return null;
        }

        var word = m.Groups["w"].Value.ToLowerInvariant();
        var food = s_stems.ContainsKey(word) ? word : Singular(word);
        return !s_notFood.Contains(word) && TryPattern(food, out var pattern) ? (food, pattern) : null;
    }

    /// <summary>The food a question asks a product to contain (or not), when it asks that outright; null otherwise.</summary>
    public static string? AskedInProduct(string question) => ContainmentAsked().IsMatch(question) ? Asked(question) : null;

    /// <summary>
    /// The food asked about that is not an allergen ("apple" in "does it contain apples?", "I have an apple allergy"),
    /// in the singular; null when the question asks about an allergen or names no food.
    /// </summary>
    public static string? Asked(string question)
    {
        foreach (Match m in AskedPhrase().Matches(question))
        {
            var word = m.Groups["w"].Value.ToLowerInvariant();
            if (s_notFood.Contains(word) || IntentLexicon.AllergenWords.Any(a => a.Pattern.IsMatch(word)))
            {
                continue;
            }

            var singular = Singular(word);
            return s_stems.ContainsKey(word) ? word : singular;
        }

        return null;
    }

    /// <summary>How ingredient lists write <paramref name="food"/>; false when this class does not know the word.</summary>
    public static bool TryPattern(string food, out Regex pattern)
    {
        if (s_stems.TryGetValue(food, out var stems))
        {
            pattern = new Regex(stems, Options);
            return true;
        }

        pattern = new Regex($@"\b{Regex.Escape(food)}", Options);
        return false;
    }

    private static string Singular(string w) =>
        w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4 ? w[..^3] + "y"
        : w.EndsWith("oes", StringComparison.Ordinal) && w.Length > 4 ? w[..^2]
        : w.EndsWith("es", StringComparison.Ordinal) && w.Length > 4 && s_stems.ContainsKey(w[..^2]) ? w[..^2]
        : w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal) && w.Length > 3 ? w[..^1] : w;
}
