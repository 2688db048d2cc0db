using System.Text.RegularExpressions;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Turns an information title into a shelf label: drops the EU quality grade ("Class 1" / "Klass 1"), which every
/// produce title carries and so tells nothing apart, and puts the brand in front of package titles that lack it.
/// Without a title the id is used with dashes as spaces.
/// </summary>
internal static partial class DisplayNameCleaner
{
    [GeneratedRegex(@"\b(?:class|klass)\s*\d+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GradePattern();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    public static string Clean(string? title, string? brand, string id)
    {
        var name = string.IsNullOrWhiteSpace(title) ? id.Replace('-', ' ') : GradePattern().Replace(title, " ");
        name = Spaces().Replace(name, " ").Trim();
        if (name.Length == 0)
        {
            name = id.Replace('-', ' ');
        }

        name = char.ToUpperInvariant(name[0]) + name[1..];
        return brand is not null && !name.Contains(brand, StringComparison.OrdinalIgnoreCase)
            ? $"{brand} {name}"
            : name;
    }
}
