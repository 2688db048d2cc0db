using System.Globalization;
using System.Text.RegularExpressions;

using BasketReasoner.Core.Catalog;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Reads <see cref="ProductAttributes"/> from the information texts, which mix English and Swedish.
/// Plant-based, fat and flavour are only read for packaged goods: every fruit is "plant based" and "apple" in an
/// apple's title is its kind, not a flavour, so on produce they would only add noise to search. Fat is read only for
/// dairy and its alternatives: juices list a trace ("fett ca 0.1 gram") that is no property a shopper asks about.
/// </summary>
internal static partial class AttributeExtractor
{
    [GeneratedRegex(@"\b(?:ekologisk\w*|eko|ecological\w*|organic\w*|krav\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganicPattern();

    [GeneratedRegex(@"\b(?:laktosfri\w*|lactose[- ]?free)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LactoseFreePattern();

    [GeneratedRegex(@"\b(?:oat\w*|havre\w*|soy\w*|soja\w*|vegetabilisk\w*|plant[- ]based|vegan\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlantBasedPattern();

    [GeneratedRegex(@"(\d+(?:[.,]\d+)?)\s*%", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    // "fetthalt 12%" (sv) / "fat content 12%" (en) in an ingredient list.
    [GeneratedRegex(@"\b(?:fetthalt|fat content)\s*(\d+(?:[.,]\d+)?)\s*%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FatContentPattern();

    // A nutrition row "fett ca 3 gram" / "fat ca 1.8 gram"; rows "varav mättat fett" / "of which saturated fat" do not start with it.
    [GeneratedRegex(@"^(?:fett|fat)\s+(?:ca\s+)?(\d+(?:[.,]\d+)?)\s*(?:gram|g)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NutritionFatPattern();

    // Flavour words (Swedish stems and English) to a canonical English flavour. Order matters: "blodgrape" before "grape".
    private static readonly (Regex Pattern, string Flavour)[] Flavours =
    [
        (new(@"vanilj|vanilla", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "vanilla"),
        (new(@"jordgubb|strawberr", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "strawberry"),
        (new(@"blåbär|blueberr", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "blueberry"),
        (new(@"hallon|raspberr", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "raspberry"),
        (new(@"persika|peach", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "peach"),
        (new(@"päron|\bpear", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "pear"),
        (new(@"mango", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "mango"),
        (new(@"mandarin", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "mandarin"),
        (new(@"äpple|äppel|\bapple", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "apple"),
        (new(@"apelsin|appelsin|\borange", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "orange"),
        (new(@"blodgrape|red grape|röd grape", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "red grapefruit"),
        (new(@"grape", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "grapefruit"),
        (new(@"naturell|natural|plain", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "natural"),
    ];

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sverige"] = "Sweden",
        ["Danmark"] = "Denmark",
        ["Norge"] = "Norway",
        ["Tyskland"] = "Germany",
        ["The Netherlands"] = "Netherlands",
        ["Holland"] = "Netherlands",
    };

    private const string JuiceCategory = "Juice";

    public static ProductAttributes Extract(InformationFile info, bool isPackage, string coarseCategory)
    {
        // Organic and lactose-free may be stated in the title, the brand's range ("GARANT EKO") or the ingredients ("KRAV").
        var labelText = string.Join('\n', info.Title, info.ManufacturerAndVolume, info.Ingredients);
        return new ProductAttributes
        {
            Organic = OrganicPattern().IsMatch(labelText),
            LactoseFree = LactoseFreePattern().IsMatch(labelText),
            PlantBased = isPackage && PlantBasedPattern().IsMatch(string.Join('\n', info.Title, info.ManufacturerAndVolume, info.Description, info.Ingredients)),
            FatPercent = isPackage && !coarseCategory.Equals(JuiceCategory, StringComparison.OrdinalIgnoreCase) ? FatPercent(info) : null,
            Flavour = isPackage ? GrapesNotGrapefruit(Flavour(info.Title) ?? Flavour(FirstIngredient(info.Ingredients)), info.Ingredients) : null,
            Origin = Origin(info),
        };
    }

    /// <summary>Fat in percent: the title's "3%" / "1,5%", else "fetthalt 12%", else fat grams per 100 g from the nutrition rows.</summary>
    internal static double? FatPercent(InformationFile info)
    {
        if (info.Title is { } title && PercentPattern().Match(title) is { Success: true } t)
        {
            return Number(t.Groups[1].Value);
        }

        if (info.Ingredients is { } ingredients && FatContentPattern().Match(ingredients) is { Success: true } i)
        {
            return Number(i.Groups[1].Value);
        }

        // Grams of fat per 100 g is the fat percentage.
        foreach (var row in info.Nutrition)
        {
            if (NutritionFatPattern().Match(row) is { Success: true } n)
            {
                return Number(n.Groups[1].Value);
            }
        }

        return null;
    }

    /// <summary>
    /// "Grape" on a Swedish pack is usually grapefruit ("röd grape"), but "Tropicana Mandarin Grape Orange" is made with
    /// grapes ("gröna druvor") and no grapefruit: the ingredient list decides, since a grapefruit named where there is
    /// none misleads anyone who must avoid it with their medicine.
    /// </summary>
    internal static string? GrapesNotGrapefruit(string? flavour, string? ingredients) =>
        flavour is not null && ingredients is not null && flavour.Contains("grapefruit", StringComparison.Ordinal) && !flavour.Contains("red grapefruit", StringComparison.Ordinal)
            && Regex.IsMatch(ingredients, @"druv|druer|\bgrapes\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            && !Regex.IsMatch(ingredients, @"grapefrukt|grapefruit|grapejuice|grape-", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            ? flavour.Replace("grapefruit", "grape", StringComparison.Ordinal)
            : flavour;

    /// <summary>Canonical flavours in <paramref name="text"/>, in order of appearance, joined with ", ".</summary>
    internal static string? Flavour(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var found = new List<(int Index, string Flavour)>();
        var claimed = new List<(int Start, int End)>();
        foreach (var (pattern, flavour) in Flavours)
        {
            foreach (Match m in pattern.Matches(text))
            {
                // "blodgrape" must not also count as plain "grapefruit".
                if (claimed.Any(c => m.Index < c.End && m.Index + m.Length > c.Start))
                {
                    continue;
                }

                claimed.Add((m.Index, m.Index + m.Length));
                if (!found.Exists(f => f.Flavour == flavour))
                {
                    found.Add((m.Index, flavour));
                }
            }
        }

        // "Natural" is a flavour only when nothing else is named.
        if (found.Count > 1)
        {
            found.RemoveAll(f => f.Flavour == "natural");
        }

        return found.Count == 0 ? null : string.Join(", ", found.OrderBy(f => f.Index).Select(f => f.Flavour));
    }

    /// <summary>Country of origin: produce's "Country and volume" before the comma, else the manufacturing country.</summary>
    internal static string? Origin(InformationFile info)
    {
        var raw = info.CountryAndVolume is { } cv ? cv.Split(',')[0] : info.ManufacturingCountry;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        raw = raw.Trim();
        return CountryNames.TryGetValue(raw, out var english) ? english : raw;
    }

    private static string? FirstIngredient(string? ingredients)
    {
        if (string.IsNullOrWhiteSpace(ingredients))
        {
            return null;
        }

        // Skip a leading "INGREDIENSER:" / "Ingredienser/ Ainesosat:" label.
        var text = ingredients;
        var colon = text.IndexOf(':');
        if (colon >= 0 && colon < 40)
        {
            text = text[(colon + 1)..];
        }

        return text.Split([',', '.', '('], 2)[0];
    }

    private static double Number(string s) => double.Parse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
