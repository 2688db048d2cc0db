using System.Text.RegularExpressions;

namespace BasketReasoner.Core.Catalog;

/// <summary>How text a shopper reads writes numbers: one way, with a decimal point (1.5%, not the pack's 1,5%).</summary>
public static partial class ShopperText
{
    [GeneratedRegex(@"(\d),(\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    /// <summary>Decimal commas between digits become points.</summary>
    public static string DecimalPoints(string text) => DecimalComma().Replace(text, "$1.$2");
}
