using System.Globalization;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Reads the brand from a package's <c>Manufacturer and volume</c> line (<c>ARLA KO , 1l</c> → <c>Arla</c>,
/// <c>GOD MORGON , 1l</c> → <c>God Morgon</c>). Loose produce has no such line and no brand.
/// </summary>
internal static class BrandExtractor
{
    // Range qualifiers printed after the brand, not part of it: "Arla Ko" is Arla's cow-milk range and
    // "Garant Eko" is Garant's organic range (the organic flag carries that fact instead).
    private static readonly HashSet<string> Qualifiers = new(StringComparer.OrdinalIgnoreCase) { "KO", "EKO" };

    public static string? Extract(string? manufacturerAndVolume)
    {
        if (string.IsNullOrWhiteSpace(manufacturerAndVolume))
        {
            return null;
        }

        var comma = manufacturerAndVolume.LastIndexOf(',');
        var name = comma >= 0 ? manufacturerAndVolume[..comma] : manufacturerAndVolume;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => !Qualifiers.Contains(w))
            .Select(TitleCase)
            .ToArray();
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    private static string TitleCase(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..].ToLower(CultureInfo.InvariantCulture);
}
