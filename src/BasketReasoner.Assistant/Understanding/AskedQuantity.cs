using System.Globalization;
using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>What an amount in a question is counted in.</summary>
internal enum QuantityUnit
{
    /// <summary>Units: packs, or pieces of loose produce.</summary>
    Pieces,

    /// <summary>A weight, in grams.</summary>
    Grams,

    /// <summary>A volume, in millilitres.</summary>
    Millilitres,
}

/// <summary>An amount a question states ("2 kg", "half a kilo", "four", "500 ml"), normalised to pieces, grams or millilitres.</summary>
internal sealed partial record AskedQuantity(double Amount, QuantityUnit Unit)
{
    private static readonly Dictionary<string, double> s_words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["a dozen"] = 12, ["dozen"] = 12,
        ["a couple of"] = 2, ["a couple"] = 2, ["half a"] = 0.5, ["half an"] = 0.5, ["a half"] = 0.5, ["half"] = 0.5,
        ["one and a half"] = 1.5, ["a kilo and a half"] = 1.5, ["two and a half"] = 2.5, ["three and a half"] = 3.5,
    };

    // A number (digits or words) and an optional unit; "3%" (a fat content in a name) is no amount.
    [GeneratedRegex(@"(?<![\w.,\-−])(?<!\b(?:those|these|the|all|both|of us|of you) )(?<num>\d+(?:[.,]\d+)?|(?:one|two|three) and a half|half an?|a half|half|a couple(?: of)?|a dozen|dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)\s*(?<unit>kilograms?|kilogrammes?|kilos?|kgs?|hectograms?|hektos?|hg|grams?|grammes?|gr|g|litres?|liters?|l|decilitres?|deciliters?|dl|millilitres?|milliliters?|ml|pieces?|pcs|pc|packs?|packets?|bottles?|cartons?|tubs?|jars?|bags?|units?|x)?(?=[\s?!.,]|$)(?!\s*(?:%|:-|kr\b|kronor\b|sek\b|crowns\b|bucks\b|of (?:us|you|them)\b|people\b|persons?\b|ways\b))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    /// <summary>
    /// The first amount in <paramref name="question"/> that states a quantity: a weight or volume with its unit, or a count
    /// of at least two. "A banana" or "one yoghurt" is not taken (the price of one is the plain price answer). Null when none.
    /// </summary>
    public static AskedQuantity? Find(string question)
    {
        // A weight or volume wins over a count ("dinner for 6: what's 1.2 kg of melon?").
        AskedQuantity? count = null;
        foreach (Match m in AmountPattern().Matches(question))
        {
            var numText = m.Groups["num"].Value;
            var amount = s_words.TryGetValue(numText, out var w) ? w
                : double.TryParse(numText.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
            if (!double.IsFinite(amount) || amount <= 0 || amount > 100_000)
            {
                continue;
            }

            var unit = m.Groups["unit"].Value.ToLowerInvariant();
            var (factor, kind) = unit switch
            {
                "" or "piece" or "pieces" or "pcs" or "pc" or "pack" or "packs" or "packet" or "packets" or "bottle" or "bottles" or "carton"
                    or "cartons" or "tub" or "tubs" or "jar" or "jars" or "bag" or "bags" or "unit" or "units" or "x" => (1.0, QuantityUnit.Pieces),
                "g" or "gr" or "gram" or "grams" or "gramme" or "grammes" => (1.0, QuantityUnit.Grams),
                "hg" or "hekto" or "hektos" or "hectogram" or "hectograms" => (100.0, QuantityUnit.Grams),
                "kg" or "kgs" or "kilo" or "kilos" or "kilogram" or "kilograms" or "kilogramme" or "kilogrammes" => (1000.0, QuantityUnit.Grams),
                "ml" or "millilitre" or "millilitres" or "milliliter" or "milliliters" => (1.0, QuantityUnit.Millilitres),
                "dl" or "decilitre" or "decilitres" or "deciliter" or "deciliters" => (100.0, QuantityUnit.Millilitres),
                _ => (1000.0, QuantityUnit.Millilitres),
            };

            if (kind == QuantityUnit.Pieces && (amount < 2 || amount != Math.Floor(amount) || !char.IsDigit(numText[0]) && numText.Contains('a', StringComparison.OrdinalIgnoreCase) && numText.Length <= 2))
            {
                continue;
            }

            if (kind != QuantityUnit.Pieces)
            {
                return new AskedQuantity(amount * factor, kind);
            }

            count ??= new AskedQuantity(amount * factor, kind);
        }

        return count;
    }
}
