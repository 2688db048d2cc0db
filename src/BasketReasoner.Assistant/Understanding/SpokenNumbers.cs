using System.Globalization;
using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant.Understanding;

/// <summary>
/// Numbers as a speech recogniser writes what a shopper says ("two hundred and twenty five kronor", "a hundred and
/// fifty", "one and a half kilos") in digits, so amounts and budgets read the same spoken or typed. "A"/"one" alone
/// stay words ("a banana" is not an amount); a run needs a tens, teens or hundreds word, or "and a half".
/// </summary>
internal static partial class SpokenNumbers
{
    private static readonly Dictionary<string, int> s_units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> s_tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private const string Unit = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    private const string Ten = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

    // [a|one..nine] hundred [and] [tens][-| ][unit] | tens[-| ]unit | tens | teens/units followed by "and a half".
    [GeneratedRegex(@"\b(?:(?:(?<h>a|one|two|three|four|five|six|seven|eight|nine) hundred(?: and)?(?: (?<t>" + Ten + @")(?:[- ](?<u>one|two|three|four|five|six|seven|eight|nine))?| (?<u2>" + Unit + @"))?)|(?<t2>" + Ten + @")(?:[- ](?<u3>one|two|three|four|five|six|seven|eight|nine))?|(?<u4>" + Unit + @") and a half)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Spoken();

    /// <summary>The value of a number word from "zero" to "nineteen".</summary>
    public static bool TryUnit(string word, out int value) => s_units.TryGetValue(word, out value);

    /// <summary><paramref name="question"/> with its spoken numbers in digits.</summary>
    public static string ToDigits(string question) => AndAHalf().Replace(SpokenToDigits(PointToDigits(question)), m =>
        (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 0.5).ToString(CultureInfo.InvariantCulture));

    private const string Digit = "zero|oh|one|two|three|four|five|six|seven|eight|nine|[0-9]";

    // "two point five kilos", "one point two five litres", "0 point 75": a decimal as it is said (before the words are
    // read as whole numbers, which made "two point five" a 5).
    [GeneratedRegex(@"\b(?<i>" + Unit + @"|\d{1,3}) point (?<d>(?:" + Digit + @")(?:[ -](?:" + Digit + @"))*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Point();

    private static string PointToDigits(string question) => Point().Replace(question, m =>
    {
        var whole = int.TryParse(m.Groups["i"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : s_units[m.Groups["i"].Value];
        var digits = string.Concat(m.Groups["d"].Value.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Length == 1 && char.IsAsciiDigit(d[0]) ? d : d.Equals("oh", StringComparison.OrdinalIgnoreCase) ? "0" : s_units[d].ToString(CultureInfo.InvariantCulture)));
        return $"{whole}.{digits}";
    });

    // "1 and half kilo", "2 and a half litres".
    [GeneratedRegex(@"\b(\d{1,3}) and (?:a )?half\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndAHalf();

    private static string SpokenToDigits(string question) => Spoken().Replace(question, m =>
    {
        if (m.Groups["u4"].Success)
        {
            return (s_units[m.Groups["u4"].Value] + 0.5).ToString(CultureInfo.InvariantCulture);
        }

        var value = 0;
        if (m.Groups["h"].Success)
        {
            value += (m.Groups["h"].Value.Equals("a", StringComparison.OrdinalIgnoreCase) ? 1 : s_units[m.Groups["h"].Value]) * 100;
        }

        foreach (var g in new[] { "t", "t2" })
        {
            if (m.Groups[g].Success)
            {
                value += s_tens[m.Groups[g].Value];
            }
        }

        foreach (var g in new[] { "u", "u2", "u3" })
        {
            if (m.Groups[g].Success)
            {
                value += s_units[m.Groups[g].Value];
            }
        }

        return value.ToString(CultureInfo.InvariantCulture);
    });
}
