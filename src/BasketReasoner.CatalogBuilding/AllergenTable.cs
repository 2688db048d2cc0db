using System.Text.RegularExpressions;

using BasketReasoner.Core.Catalog;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// The 14 EU allergens (Regulation 1169/2011, Annex II) and the Swedish and English words that name them in an
/// ingredient list. A word matches at its start ("mjölkprotein" is milk, "HAVRE 12%" is oats, so gluten); a few
/// compounds that only look like an allergen are removed first ("mjölksyra" is lactic acid, "kokosmjölk" is a plant
/// milk, "yoghurtkultur" is a bacterial culture). Oats count as a gluten cereal, as Annex II lists them.
/// </summary>
/// <remarks>
/// The table reads words, not chemistry: it is exactly as good as the printed list. "May contain traces" lines are
/// not allergens of the product and are not read. A product without an ingredient list gets no allergens at all
/// (unknown), never an empty list.
/// </remarks>
public static partial class AllergenTable
{
    /// <summary>Canonical allergen name → word stems (lower case) that name it.</summary>
    public static IReadOnlyList<(string Allergen, string[] Stems)> Entries { get; } =
    [
        ("gluten", ["gluten", "vete", "wheat", "råg", "rye", "korn", "barley", "havre", "oat", "dinkel", "spelt", "kamut", "durum", "mannagryn"]),
        ("crustaceans", ["kräftdjur", "crustacean", "räk", "shrimp", "prawn", "krabba", "crab", "hummer", "lobster", "kräfta"]),
        ("eggs", ["ägg", "egg"]),
        ("fish", ["fisk", "fish", "lax", "salmon", "torsk", "cod", "tonfisk", "tuna", "ansjovis", "anchov"]),
        ("peanuts", ["jordnöt", "peanut"]),
        ("soy", ["soja", "soy"]),
        ("milk", ["mjölk", "milk", "grädde", "cream", "laktos", "lactose", "vassle", "whey", "kasein", "casein", "smör", "butter", "ost", "cheese", "yoghurt", "yogurt", "kvarg", "quark", "filmjölk"]),
        ("nuts", ["nöt", "nut", "mandel", "mandl", "almond", "hasselnöt", "hazelnut", "valnöt", "walnut", "cashew", "pekan", "pecan", "pistasch", "pistachio", "paranöt", "macadamia"]),
        ("celery", ["selleri", "celery", "celeriac"]),
        ("mustard", ["senap", "mustard"]),
        ("sesame", ["sesam"]),
        ("sulphites", ["sulfit", "sulphite", "sulfite", "svaveldioxid", "sulphur dioxide", "sulfur dioxide", "disulfit"]),
        ("lupin", ["lupin"]),
        ("molluscs", ["blötdjur", "mollusc", "mussla", "musslor", "mussel", "ostron", "oyster", "bläckfisk", "squid"]),
    ];

    // Compounds that start like an allergen word but are not one.
    [GeneratedRegex(@"yog?h?urt cultures?|mjölksyra\w*|lactic\w*|kokosmjölk|kokosgrädde|coconut (?:milk|cream)|\w*kultur\w*|\w*cultures?\b|butternut|nutrition\w*|nutmeg|muskotnöt|ostindi\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAllergen();

    /// <summary>
    /// The allergens named in <paramref name="ingredients"/>, in the table's order, each once.
    /// O(words × stems); an ingredient list has a few dozen words.
    /// </summary>
    public static IReadOnlyList<string> Find(string ingredients)
    {
        ArgumentNullException.ThrowIfNull(ingredients);
        var text = NotAllergen().Replace(ingredients.ToLowerInvariant(), " ");
        var words = text.Split([' ', ',', '.', '(', ')', '/', ';', ':', '*', '%', '-', '[', ']', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string>();
        foreach (var (allergen, stems) in Entries)
        {
            foreach (var stem in stems)
            {
                var hit = stem.Contains(' ', StringComparison.Ordinal)
                    ? text.Contains(stem, StringComparison.Ordinal)
                    : Array.Exists(words, w => w.StartsWith(stem, StringComparison.Ordinal) && !IsFalseFriend(w, stem));
                if (hit)
                {
                    found.Add(allergen);
                    break;
                }
            }
        }

        return found;
    }

    // Swedish words that begin with a short stem but mean something else ("ost" in "ostindisk" is handled above).
    private static bool IsFalseFriend(string word, string stem) => (stem, word) switch
    {
        ("nöt", _) => word.StartsWith("nötkött", StringComparison.Ordinal),
        ("korn", _) => word.StartsWith("kornblå", StringComparison.Ordinal),
        ("ost", _) => word.StartsWith("ostron", StringComparison.Ordinal),
        ("lax", _) => word.StartsWith("laxer", StringComparison.Ordinal),
        ("nut", _) => !(word is "nut" or "nuts"),
        ("oat", _) => !(word is "oat" or "oats") && !word.StartsWith("oatmeal", StringComparison.Ordinal),
        ("egg", _) => !(word is "egg" or "eggs") && !word.StartsWith("eggwhite", StringComparison.Ordinal) && !word.StartsWith("eggyolk", StringComparison.Ordinal),
        ("cod", _) => word != "cod",
        ("rye", _) => word != "rye",
        ("cream", _) => !(word is "cream" or "creams"),
        _ => false,
    };
}
