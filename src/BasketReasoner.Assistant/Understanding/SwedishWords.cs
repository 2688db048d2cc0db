using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Everyday Swedish grocery words a shopper in a Swedish store mixes into an English question ("how much is the
/// honungsmelon", "any äppeljuice cheaper?"), written in English before the question is read, so the intent words
/// and product names the reader knows apply. Whole words only; the catalog's own Swedish pack names still match,
/// since every word here maps to the English shopper name of the same product or category.
/// </summary>
internal static partial class SwedishWords
{
    // Only words the category vocabulary does not already know (it maps "apelsin", "morötter", "gräddfil"... to
    // their categories): product-level names, compounds and a few non-catalog goods a shopper asks for.
    private static readonly Dictionary<string, string> s_words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["honungsmelon"] = "honeydew melon", ["vattenmelon"] = "watermelon", ["galiamelon"] = "galia melon",
        ["kvisttomater"] = "vine tomatoes", ["kvisttomat"] = "vine tomato", ["bifftomater"] = "beef tomatoes", ["bifftomat"] = "beef tomato",
        ["jordgubbsyoghurt"] = "strawberry yoghurt", ["vaniljyoghurt"] = "vanilla yoghurt", ["blåbärsyoghurt"] = "blueberry yoghurt",
        ["äppeljuice"] = "apple juice", ["äpplejuice"] = "apple juice", ["apelsinjuice"] = "orange juice",
        ["laktosfri"] = "lactose free", ["laktosfria"] = "lactose free", ["sötpotatis"] = "sweet potato",
        ["ägg"] = "eggs", ["bröd"] = "bread", ["smör"] = "butter", ["ost"] = "cheese", ["kanelbullar"] = "cinnamon buns",
        // Mis-hearings of a speech recogniser at the cart.
        ["toe tall"] = "total", ["crow nor"] = "kronor", ["crow ner"] = "kronor", ["crowns"] = "kronor",
        ["oj"] = "orange juice", ["no-pulp"] = "without pulp", ["no pulp"] = "without pulp", ["pulp-free"] = "without pulp",
        ["vart kommer"] = "where does", ["var kommer"] = "where does", ["varifrån kommer"] = "where does", ["varifrån"] = "where from",
        ["vegansk"] = "vegan", ["veganska"] = "vegan", ["veganskt"] = "vegan", ["mjölk"] = "milk", ["mjölken"] = "the milk",
        ["ifrån"] = "come from", ["ifran"] = "come from", ["ingefära"] = "ginger", ["vanilj"] = "vanilla", ["jämförpris"] = "comparison price",
        ["jämförelsepris"] = "comparison price", ["vitlök"] = "garlic", ["persikor"] = "peaches", ["persika"] = "peach",
        ["mjölig potatis"] = "floury potato", ["mjöliga potatisar"] = "floury potatoes", ["mjölig"] = "floury", ["mjöliga"] = "floury",
        ["hundring"] = "100 kr", ["hundralapp"] = "100 kr", ["tvåhundring"] = "200 kr", ["tvåhundralapp"] = "200 kr", ["femhundring"] = "500 kr", ["femhundralapp"] = "500 kr", ["femtiolapp"] = "50 kr", ["frukten"] = "the fruit", ["grönsakerna"] = "the vegetables",
        ["fast potatis"] = "solid potato", ["fasta potatisar"] = "solid potatoes", ["fastkokt"] = "solid", ["fastkokande"] = "solid", ["firm potato"] = "solid potato", ["firm potatoes"] = "solid potatoes", ["waxy potato"] = "solid potato", ["waxy potatoes"] = "solid potatoes", ["mealy potato"] = "floury potato", ["mealy potatoes"] = "floury potatoes",
        ["hur mycket"] = "how much", ["allt"] = "everything", ["alltihop"] = "everything", ["i min korg"] = "in my basket", ["i korgen"] = "in the basket",
        ["korgen"] = "the basket", ["min korg"] = "my basket", ["i min vagn"] = "in my cart", ["vagnen"] = "the cart",
        ["ekologisk"] = "organic", ["ekologiska"] = "organic", ["eko"] = "organic", ["röd"] = "red", ["röda"] = "red", ["gul"] = "yellow", ["gröna"] = "green", ["grön"] = "green",
    };

    private static readonly Regex s_pattern = new(
        @"(?<![\p{L}])(?:" + string.Join('|', s_words.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary><paramref name="question"/> with the Swedish grocery words written in English.</summary>
    public static string ToEnglish(string question) => s_pattern.Replace(question, m => s_words[m.Value]);
}
