using System.Globalization;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Reasoning.Assistant;

/// <summary>
/// Rejects a model's answer that states what the facts do not: every number in it must occur in the facts or the
/// question (within 0.005, or as a rounding of a fact to whole numbers), and every store product it names (by
/// display name or id) must be one the facts are about.
/// </summary>
internal static partial class GroundingGuard
{
    [GeneratedRegex(@"\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    /// <summary><c>null</c> when grounded, else why not.</summary>
    public static string? Check(string answer, string facts, string question, ProductCatalog catalog)
    {
        var known = Numbers(facts).Concat(Numbers(question)).ToArray();
        foreach (var n in Numbers(answer))
        {
            if (!known.Any(k => Math.Abs(k - n) < 0.005 || (n == Math.Round(n) && Math.Abs(Math.Round(k) - n) < 0.5) || Math.Abs((k / 1000) - n) < 0.005))
            {
                return $"number {n.ToString(CultureInfo.InvariantCulture)} is not in the facts";
            }
        }

        foreach (var p in catalog.Products)
        {
            var named = answer.Contains(p.DisplayName, StringComparison.OrdinalIgnoreCase) || answer.Contains(p.Id, StringComparison.OrdinalIgnoreCase);
            if (named && !facts.Contains(p.Id, StringComparison.OrdinalIgnoreCase))
            {
                return $"product '{p.DisplayName}' is not in the facts";
            }
        }

        return null;
    }

    private static IEnumerable<double> Numbers(string text) =>
        Number().Matches(text).Select(m => double.Parse(m.Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture));
}
