using System.Globalization;
using System.Text.RegularExpressions;

namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// Finds the first quantity in free text: <c>ca 150g</c>, <c>1l</c>, <c>1,5 kg</c>, <c>ca 1.05kg</c>, <c>3dl</c>,
/// <c>6x33cl</c>. Decimal commas are accepted because the dataset's Swedish texts use them.
/// </summary>
internal static partial class QuantityParser
{
    // Longest unit names first so "kg" is not read as "g" and "ml" not as "l".
    [GeneratedRegex(
        @"(?<ca>\b(?:ca|c:a|approx|about|ungefär)\.?\s*)?(?:(?<count>\d+)\s*[x×]\s*)?(?<num>\d+(?:[.,]\d+)?)\s*(?<unit>kilogram|kg|gram|g|liter|litre|l|dl|cl|ml)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = QuantityPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var number = double.Parse(match.Groups["num"].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
        var count = match.Groups["count"].Success ? int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture) : 1;
        var (factor, kind) = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "kg" or "kilogram" => (1000.0, QuantityKind.Mass),
            "g" or "gram" => (1.0, QuantityKind.Mass),
            "l" or "liter" or "litre" => (1000.0, QuantityKind.Volume),
            "dl" => (100.0, QuantityKind.Volume),
            "cl" => (10.0, QuantityKind.Volume),
            _ => (1.0, QuantityKind.Volume),
        };

        if (count < 1 || number <= 0)
        {
            return false;
        }

        quantity = new Quantity(Math.Round(number * factor * count, 3), kind, match.Groups["ca"].Success, count);
        return true;
    }

    public static Quantity? Parse(string? text) => TryParse(text, out var q) ? q : null;
}
